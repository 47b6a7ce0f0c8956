import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import defaultModel from './default-model.json' with { type: 'json' };
import { Matcher, type ModelParams } from './model.ts';
import { RecordPreparer } from './record.ts';
import { escapeXml, plainWords, signed, waterfallSvg } from './waterfall.ts';

const matcher = new Matcher(defaultModel as unknown as ModelParams);
const prep = new RecordPreparer({ lenientDates: true });
const explanation = matcher.explain(
  prep.prepare({ id: '1', givenName: 'Kate', familyName: 'Smith', dateOfBirth: '2010-03-05', postcode: 'B1 1AA', sex: 'F' }),
  prep.prepare({ id: '2', givenName: 'Katherine', familyName: 'Smith', dateOfBirth: '2010-03-05', postcode: 'B1 1DT', sex: 'F' }),
);

describe('plainWords', () => {
  it('says every reason with its weight, from the starting point to the match weight', () => {
    const lines = plainWords(explanation);
    const dob = explanation.fields.find((f) => f.field === 'date of birth');
    assert.ok(lines.includes(`same date of birth ${signed(dob?.weight ?? 0)}`), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^postcode in the same sector [+-]\d+\.\d$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => l.startsWith('given names a nickname or spelling variant')));
    assert.match(lines[0], /^starting point/);
    assert.match(lines[lines.length - 1], /^match weight [+-]\d+\.\d \(probability /);
    assert.ok(lines.some((l) => /identifier missing on one record/.test(l)));
  });
});

describe('waterfallSvg', () => {
  const svg = waterfallSvg(explanation, { idPrefix: 'pair-1' });
  it('is an accessible image: role, title and desc referenced by aria-labelledby', () => {
    assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="pair-1-title pair-1-desc"/);
    assert.match(svg, /<title id="pair-1-title">[^<]+<\/title>/);
    assert.match(svg, /<desc id="pair-1-desc">starting point[^<]+same date of birth \+\d+\.\d[^<]+<\/desc>/);
  });
  it('draws one bar per step plus the total, each with its value as text', () => {
    assert.equal((svg.match(/<rect /g) ?? []).length, explanation.fields.length + 2);
    assert.ok(svg.includes(`>${signed(explanation.matchWeight)}</text>`));
  });
  it('bars add up: each starts where the last ended', () => {
    let running = explanation.priorWeight;
    for (const f of explanation.fields) running += f.weight;
    assert.ok(Math.abs(running - explanation.matchWeight) < 1e-9);
  });
  it('escapes text, so names or labels cannot inject markup', () => {
    assert.equal(escapeXml(`<script>"x" & 'y'</script>`), '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    const hostile = waterfallSvg(explanation, { title: '</title><script>alert(1)</script>', idPrefix: '"><x' });
    assert.ok(!hostile.includes('<script>'));
    assert.match(hostile, /aria-labelledby="x-title x-desc"/);
  });
});
