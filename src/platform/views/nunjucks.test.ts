import assert from 'node:assert/strict';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { createNunjucks } from './nunjucks.ts';

test('trim keeps what Nunjucks trim did: whitespace gone at both ends, marked-safe HTML stays unescaped', () => {
  const env = createNunjucks();
  const render = (src: string, ctx = {}) => env.renderString(src, ctx);
  assert.equal(render('[{{ s | trim }}]', { s: '  \n\t a  b \n ' }), '[a  b]');
  assert.equal(render('[{{ s | trim }}]', { s: '  <b>x</b>  ' }), '[&lt;b&gt;x&lt;/b&gt;]');
  assert.equal(render('[{{ s | safe | trim }}]', { s: '  <b>x</b>  ' }), '[<b>x</b>]');
  assert.equal(render('[{{ s | trim }}]', { s: new nunjucks.runtime.SafeString(' <i>y</i>\n') }), '[<i>y</i>]');
});
