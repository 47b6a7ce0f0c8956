// jigsaw export regional --from DATE --to DATE --out FILE [--format csv|json]
// jigsaw import regional FILE... [--out POOL.json] [--threshold 0.8] [--disclosure-threshold 5] [--rounding none]
// The pool is kept in memory and written to one file (decision 0027): a region pools a few files a quarter, and the
// pool's person-level rows belong to the region's own analysts, not in any partnership's database.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Actor } from '../../platform/access/actor.ts';
import { Problem } from '../../platform/http/problems.ts';
import type { Services } from '../../services.ts';
import { DEFAULT_DISCLOSURE_RULE, type DisclosureRule, describeDisclosureRule, disclosureRuleErrors, type Rounding } from '../reports/disclosure.ts';
import { checkRow, csvHeader, type RegionalRow, regionalKeys, rowFromCsv, toCsvLine } from './domain.ts';
import { DEFAULT_THRESHOLD, pool, summarise } from './linkage.ts';
import { exportRegionalWith } from './use-cases.ts';

export const REGIONAL_USAGE = `  export regional --from DATE --to DATE --out FILE [--format csv|json]   pseudonymised rows of the children referred in the period (needs JIGSAW_REGIONAL_PERSON_KEY and JIGSAW_REGIONAL_LINKAGE_SECRET)
  import regional FILE... [--out POOL.json] [--threshold 0.8] [--disclosure-threshold 5] [--rounding none|nearest_5|nearest_10]   pool partnerships' regional files, link their CLKs, print the counts by the region's disclosure rule (default 1 to 5 as c)`;

const missing = (field: string, message: string) => new Problem(400, 'Missing option', message, [{ field, message }]);

export async function regionalExportCommand(svc: Services, actor: Actor, rest: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' } },
    strict: true,
  });
  if (!values.out) throw missing('out', 'Give the file to write, like --out regional.csv');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new Problem(400, 'Unknown format', 'Choose csv or json', [{ field: 'format', message: 'Choose csv or json' }]);
  const exported = await svc.run(
    exportRegionalWith(() => regionalKeys(env)),
    actor,
    { from: values.from ?? '', to: values.to ?? '' },
  );
  const text = format === 'json' ? `${JSON.stringify(exported, null, 1)}\n` : `${[csvHeader(), ...exported.rows.map(toCsvLine)].join('\n')}\n`;
  writeFileSync(values.out, text, { mode: 0o600 });
  out(`${exported.rows.length} children referred ${exported.from} to ${exported.to} written to ${values.out} (schema version ${exported.schemaVersion}).`);
  return 0;
}

/** The rows of one regional file, CSV or JSON; a file with a bad row is refused whole, naming the line. */
export function readRegionalFile(path: string): RegionalRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Problem(400, 'Unreadable file', `Could not read ${path}`, [{ field: 'file', message: (e as Error).message }]);
  }
  const bad = (where: string, why: string) =>
    new Problem(422, 'Not a regional file', `${path} ${where}: ${why}`, [{ field: 'file', message: `${where}: ${why}` }]);
  if (text.trimStart().startsWith('{')) {
    let doc: { rows?: unknown };
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw bad('is not JSON', (e as Error).message);
    }
    if (!Array.isArray(doc.rows)) throw bad('has no rows', 'expected { "rows": [...] }');
    return doc.rows.map((r, i) => {
      const row = checkRow(r as Record<string, unknown>);
      if (typeof row === 'string') throw bad(`row ${i + 1}`, row);
      return row;
    });
  }
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== csvHeader()) throw bad('line 1', `the header is not schema version 1's (${csvHeader()})`);
  const header = lines[0].split(',');
  return lines.slice(1).map((line, i) => {
    const row = rowFromCsv(header, line);
    if (typeof row === 'string') throw bad(`line ${i + 2}`, row);
    return row;
  });
}

/** The region's disclosure rule for the pooled counts (reports/disclosure.ts): the default unless the flags say. */
function regionDisclosureRule(threshold: string | undefined, rounding: string | undefined): DisclosureRule {
  const rule = {
    threshold: threshold === undefined ? DEFAULT_DISCLOSURE_RULE.threshold : /^\d+$/.test(threshold) ? Number(threshold) : Number.NaN,
    rounding: (rounding ?? 'none') as Rounding,
    // Single counts, no table whose totals could give a `c` away: nothing for secondary suppression to do.
    secondary: false,
  };
  const errors = disclosureRuleErrors(rule).map((e) => ({ ...e, field: e.field === 'threshold' ? 'disclosure-threshold' : e.field }));
  if (errors.length) throw new Problem(400, 'Not a disclosure rule', errors[0].message, errors);
  return rule;
}

export function regionalImportCommand(rest: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { out: { type: 'string' }, threshold: { type: 'string' }, 'disclosure-threshold': { type: 'string' }, rounding: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw missing('file', 'Give the regional files to pool, like jigsaw import regional north.csv south.csv');
  const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
  if (!(threshold > 0 && threshold <= 1))
    throw new Problem(400, 'Not a threshold', 'The threshold is a Dice coefficient', [
      { field: 'threshold', message: 'Give a number above 0 and at most 1, like 0.8' },
    ]);
  const rule = regionDisclosureRule(values['disclosure-threshold'], values.rounding);
  const rows = positionals.flatMap(readRegionalFile);
  const pooled = pool(rows, threshold);
  const summary = summarise(pooled, rule);
  if (values.out) writeFileSync(values.out, `${JSON.stringify({ summary, rows: pooled.rows, links: pooled.links }, null, 1)}\n`, { mode: 0o600 });
  out(`Pooled ${rows.length} rows from ${pooled.partnerships.length} partnerships (Dice threshold ${threshold}); ${describeDisclosureRule(rule)}.`);
  for (const p of summary.partnerships) out(`  ${p.partnership}: ${p.children} children, ${p.knownElsewhere} also known to another partnership`);
  for (const s of summary.shared) out(`  known to both ${s.a} and ${s.b}: ${s.children}`);
  out(`Children in the region: ${summary.children}; known to more than one partnership: ${summary.knownToMoreThanOne}`);
  if (values.out) out(`Pool written to ${values.out}.`);
  return 0;
}
