import * as assert from 'assert';
import fc from 'fast-check';
import { analyze, type AnalyzeOptions } from '../../server/src/analysis';
import { FRONT_MATTERS, hostileDocument, nastyChar, policyDocument } from './arbitraries';
import { policyOfSize } from '../../scripts/bench/inputs';
import { runs, timeoutFor } from './fuzzConfig';
import { checkResult } from './invariants';

const AS_OF = { asOf: '2026-01-01' };

function analyseChecked(text: string, options: AnalyzeOptions = AS_OF) {
  const result = analyze(text, options);
  checkResult(text, result);
  return result;
}

describe('robustness: the engine on hostile input', function () {
  this.timeout(timeoutFor(120_000));

  it('never throws and keeps every range inside the text on character boundaries (random code units)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(nastyChar, fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 200 }), t => void analyseChecked(t)), runs(1000));
  });

  it('never throws on generated policies mixed with mis-decoded text, broken front matter and every line ending', () => {
    fc.assert(fc.property(hostileDocument, t => void analyseChecked(t)), runs(1000));
  });

  it('keeps ranges valid on policy-like documents that produce findings and fixes', () => {
    let findings = 0;
    fc.assert(
      fc.property(policyDocument, t => {
        findings += analyseChecked(t).findings.length;
      }),
      runs(300),
    );
    assert.ok(findings > 0, 'the generator produces documents with findings');
  });

  it('never throws on any combination of options', () => {
    const options = fc.record(
      {
        jurisdictions: fc.array(fc.oneof(fc.constantFrom('gdpr', 'ccpa', 'caloppa', 'coppa', 'GDPR', ''), fc.string()), { maxLength: 5 }),
        defaultJurisdictions: fc.array(fc.string(), { maxLength: 3 }),
        rules: fc.dictionary(fc.oneof(fc.constantFrom('hygiene/placeholder', 'risk/*', '*', 'hygiene/front-matter'), fc.string()), fc.constantFrom('off', 'error', 'warning', 'info', 'hint', 'bogus', '')),
        asOf: fc.oneof(fc.constantFrom('2026-01-01', '1900-01-01', '9999-12-31', '2024-02-30', 'yesterday', ''), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(policyDocument, options, (t, o) => void analyseChecked(t, o)), runs(200));
  });

  it('reads the empty file, a lone BOM, lone line breaks and NUL bytes', () => {
    for (const t of ['', '\ufeff', '\r', '\n', '\r\n', '\n\r', '\u0000', '\u0000'.repeat(10_000), '\ufeff---\n---\n', '---\n', '---', '\ud800', '\udc00#']) analyseChecked(t);
  });

  it('analyses a 1 MB single line', function () {
    this.timeout(timeoutFor(120_000));
    // A web page pasted without its line breaks: many sentences, one line.
    const prose = 'We collect your email address to send you receipts. We may share your personal data with trusted partners. Non\u00a0breaking spaces, “smart quotes” and 😀 emoji survive. ';
    const line = `${prose.repeat(60)}We are [COMPANY NAME]. `.repeat(Math.ceil(1_000_000 / (prose.length * 60 + 23)));
    assert.ok(line.length >= 1_000_000);
    const result = analyseChecked(`# Privacy Policy\n\n${line}\n`);
    const placeholders = result.findings.filter(f => f.ruleId === 'hygiene/placeholder');
    assert.ok(placeholders.length > 50, `placeholders along the long line are found (${placeholders.length})`);
    assert.ok(placeholders.every(f => f.range.start.line === 2), 'all on the one long line');
  });

  it('analyses 1 000-level nested lists and block quotes, and reads their text', () => {
    const depth = 1000;
    const lists = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i} [COMPANY NAME]`).join('\n');
    const quotes = Array.from({ length: depth }, (_, i) => `${'>'.repeat(i + 1)} level ${i} [COMPANY NAME]`).join('\n');
    const mixed = `${'> - '.repeat(depth)}deep [COMPANY NAME]`;
    for (const body of [lists, quotes, mixed]) {
      const result = analyseChecked(`# Privacy Policy\n\n${body}\n`);
      assert.ok(result.findings.some(f => f.ruleId === 'hygiene/placeholder' && f.range.start.line > 100 || body === mixed), 'text beyond markdown-it nesting limit is still checked');
    }
  });

  it('finishes a 5 MB document', function () {
    this.timeout(timeoutFor(300_000));
    // A bundle of policies pasted into one file, with every line-ending style.
    const bundle = policyOfSize(6 * 1024 * 1024);
    const text = bundle.slice(0, bundle.length / 3) + bundle.slice(bundle.length / 3, (2 * bundle.length) / 3).replace(/\n/g, '\r\n') + bundle.slice((2 * bundle.length) / 3).replace(/\n/g, '\r');
    assert.ok(text.length >= 5 * 1024 * 1024);
    const t0 = Date.now();
    const result = analyze(text, AS_OF);
    const ms = Date.now() - t0;
    assert.ok(result.findings.length > 0, 'findings on the 5 MB document');
    assert.ok(ms < 240_000, `5 MB analysed in ${ms} ms`);
    // Check a sample of ranges (all of them would take longer than the analysis).
    checkResult(text, { ...result, findings: result.findings.filter((_, i) => i % 97 === 0), requirements: [] });
  });
});

describe('robustness: hostile YAML front matter', () => {
  const fm = (body: string) => `---\n${body}\n---\n\n# Privacy Policy\n\nWe are Acme Ltd.\n`;
  const problems = (text: string) => analyseChecked(text).findings.filter(f => f.ruleId === 'hygiene/front-matter');

  it('refuses an exponential alias bomb with exactly one hygiene/front-matter diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = fm(`clausewise:\n  jurisdictions: [gdpr]\n${levels.join('\n')}`);
    const t0 = Date.now();
    const found = problems(text);
    assert.ok(Date.now() - t0 < 5000, 'refused quickly, not expanded');
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    assert.strictEqual(found[0].range.start.line <= found[0].range.end.line && found[0].range.end.line <= levels.length + 3, true, 'the diagnostic sits on the front matter');
  });

  it('refuses a huge scalar with one diagnostic and still checks the body', () => {
    const result = analyseChecked(fm(`title: "${'x'.repeat(200_000)}"`).replace('We are Acme Ltd.', 'We are [COMPANY NAME].'));
    assert.strictEqual(result.findings.filter(f => f.ruleId === 'hygiene/front-matter').length, 1);
    assert.ok(result.findings.some(f => f.ruleId === 'hygiene/placeholder'));
  });

  it('reports wrong types inside the clausewise block on the front matter, never throwing', () => {
    const found = problems(fm('clausewise:\n  jurisdictions: 42\n  controller: [1, 2]\n  effectiveDate: tomorrow\n  audience: yes\n  sells: maybe\n  rules: [a]'));
    assert.ok(found.length >= 1);
    for (const f of found) assert.ok(f.range.end.line <= 8, `on the front matter: ${JSON.stringify(f.range)}`);
  });

  it('survives every listed hostile front matter, closed or not, with any line ending', () => {
    for (const body of FRONT_MATTERS) for (const eol of ['\n', '\r\n', '\r']) for (const close of ['---', '...', '']) analyseChecked(`---${eol}${body.replace(/\n/g, eol)}${eol}${close}${eol}# Policy${eol}`);
  });
});
