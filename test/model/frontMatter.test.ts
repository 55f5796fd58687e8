import * as assert from 'assert';
import { parseFrontMatter } from '../../server/src/model/frontMatter';
import { buildDocument } from '../../server/src/model/document';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('front matter', () => {
  it('reads every declaration of the clausewise block', () => {
    const text = [
      '---',
      'title: Notes',
      'clausewise:',
      '  jurisdictions: [GDPR, ccpa]',
      '  controller:',
      '    name: Brightleaf Labs Ltd',
      '    address: 14 Harbour Row, Bristol',
      '    email: privacy@brightleaf.example',
      '  dpo: Dana Reyes',
      '  euRepresentative: {name: Rep GmbH, email: rep@rep.example}',
      '  effectiveDate: 2025-03-03',
      '  lastUpdated: 2025-04-01',
      '  audience: {children: false, minimumAge: 16}',
      '  sells: false',
      '  shares: true',
      '  rules:',
      '    risk/vague-language: off',
      '    hygiene/placeholder: warning',
      '    gdpr/dpo-contact: false',
      '---',
      '# Policy',
    ].join('\n');
    const fm = parseFrontMatter(text)!;
    assert.deepStrictEqual(fm.problems, []);
    assert.strictEqual(fm.hasClausewise, true);
    assert.deepStrictEqual(fm.declarations, {
      jurisdictions: ['gdpr', 'ccpa'],
      controller: { name: 'Brightleaf Labs Ltd', address: '14 Harbour Row, Bristol', email: 'privacy@brightleaf.example' },
      dpo: { name: 'Dana Reyes' },
      euRepresentative: { name: 'Rep GmbH', email: 'rep@rep.example' },
      effectiveDate: '2025-03-03',
      lastUpdated: '2025-04-01',
      audience: { children: false, minimumAge: 16 },
      sells: false,
      shares: true,
      rules: { 'risk/vague-language': 'off', 'hygiene/placeholder': 'warning', 'gdpr/dpo-contact': 'off' },
    });
    assert.strictEqual(at(text, fm.span), text.slice(0, text.indexOf('# Policy') - 1));
  });

  it('reports broken YAML once, on the line of the error, and still checks the rest of the document', () => {
    const text = '---\nclausewise:\n  jurisdictions: [gdpr\n  sells: nope: nope\n---\n# Policy\n\nWe sell nothing.\n';
    const doc = buildDocument(text);
    assert.strictEqual(doc.frontMatter!.problems.length, 1);
    assert.match(doc.frontMatter!.problems[0].message, /^The front matter is not valid YAML/);
    const span = doc.frontMatter!.problems[0].span;
    assert.ok(span.start >= doc.frontMatter!.span.start && span.end <= doc.frontMatter!.span.end);
    assert.deepStrictEqual(doc.frontMatter!.declarations, {});
    assert.deepStrictEqual(doc.sections.map(s => s.title), ['Policy']);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We sell nothing.']);
  });

  it('refuses an alias bomb with exactly one problem', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const text = `---\nclausewise:\n  sells: false\n${rows.join('\n')}\n---\nText.\n`;
    const fm = parseFrontMatter(text)!;
    assert.strictEqual(fm.problems.length, 1);
    assert.match(fm.problems[0].message, /aliases/);
    assert.deepStrictEqual(fm.declarations, {});
  });

  it('refuses a front matter larger than 64 KB without parsing it', () => {
    const text = `---\nclausewise:\n  dpo: "${'x'.repeat(70 * 1024)}"\n---\n# Policy\n`;
    const fm = parseFrontMatter(text)!;
    assert.strictEqual(fm.problems.length, 1);
    assert.match(fm.problems[0].message, /larger than 64 KB/);
    assert.strictEqual(at(text, fm.problems[0].span), '---');
  });

  it('points each wrong value at its own entry', () => {
    const text = '---\nclausewise:\n  jurisdiction: gdpr\n  jurisdictions: [gdpr, pipeda]\n  sells: "yes"\n  effectiveDate: 2024-02-30\n  controller: {name: [Acme]}\n  audience: {children: maybe}\n  rules: {risk/x: loud}\n---\n';
    const fm = parseFrontMatter(text)!;
    const problems = fm.problems.map(p => [p.message, at(text, p.span)]);
    assert.deepStrictEqual(problems, [
      ['Unknown key `jurisdiction` in `clausewise:`; did you mean `jurisdictions`?', 'jurisdiction: gdpr'],
      ['Unknown jurisdiction "pipeda"; expected gdpr, ccpa, caloppa, coppa.', 'jurisdictions: [gdpr, pipeda]'],
      ['`controller.name` must be text.', 'name: [Acme]'],
      ['`effectiveDate` must be a date written as YYYY-MM-DD.', 'effectiveDate: 2024-02-30'],
      ['`audience.children` must be true or false.', 'children: maybe'],
      ['`sells` must be true or false.', 'sells: "yes"'],
      ['`rules.risk/x` must be one of error, warning, info, hint, off.', 'risk/x: loud'],
    ]);
    assert.deepStrictEqual(fm.declarations.jurisdictions, ['gdpr']);
  });

  it('reports a front matter without its closing fence, and reads the document after it', () => {
    const text = '---\nclausewise:\n  jurisdictions: [gdpr]\n\n# Privacy Policy\n\nWe keep data.\n';
    const doc = buildDocument(text);
    assert.strictEqual(doc.frontMatter!.problems.length, 1);
    assert.match(doc.frontMatter!.problems[0].message, /no closing `---`/);
    assert.strictEqual(at(text, doc.frontMatter!.problems[0].span), '---');
    assert.deepStrictEqual(doc.sections.map(s => s.title), ['Privacy Policy']);
    assert.ok(!doc.sentences.some(s => s.text.includes('jurisdictions')));
  });

  it('ignores a leading horizontal rule that is not YAML, and a front matter without clausewise', () => {
    assert.strictEqual(parseFrontMatter('---\n\nWe keep data.\n---\n'), null);
    const fm = parseFrontMatter('\uFEFF---\r\ntitle: Notes\r\n---\r\n# Policy\r\n')!;
    assert.strictEqual(fm.hasClausewise, false);
    assert.deepStrictEqual(fm.problems, []);
    assert.strictEqual(fm.span.start, 1);
  });

  it('accepts an empty clausewise block and a YAML 1.1 style date', () => {
    assert.deepStrictEqual(parseFrontMatter('---\nclausewise:\n---\n')!.declarations, {});
    assert.deepStrictEqual(parseFrontMatter('---\nclausewise: {lastUpdated: "2024-01-31"}\n---\n')!.declarations, { lastUpdated: '2024-01-31' });
  });
});

describe('front matter with old Mac line ends', () => {
  it('reads a block whose lines end with a lone CR, with no problem', () => {
    const text = '---\rclausewise:\r  jurisdictions: [gdpr]\r  effectiveDate: 2026-01-01\r---\r# Privacy Policy\r';
    const fm = parseFrontMatter(text);
    assert.ok(fm);
    assert.deepStrictEqual(fm.problems, []);
    assert.deepStrictEqual(fm.declarations.jurisdictions, ['gdpr']);
    assert.strictEqual(fm.declarations.effectiveDate, '2026-01-01');
  });
});
