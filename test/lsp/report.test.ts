import * as assert from 'assert';
import { analyze, ruleCatalog } from '../../server/src/analysis';
import { isPolicyDocument } from '../../server/src/lsp/policyFiles';
import { buildReport, coverageText, reportMarkdown, type CoverageReport } from '../../server/src/lsp/report';

const POLICY = [
  '---',
  'clausewise:',
  '  jurisdictions: [gdpr]',
  '---',
  '',
  '# Privacy Policy',
  '',
  'Harbour Books Ltd, 3 Quay Street, Cork, Ireland (privacy@harbour.example) is the controller.',
  '',
  '## How long we keep data',
  '',
  'We delete order records 6 years after the order, as tax law requires.',
  '',
].join('\n');

describe('coverage report', () => {
  const result = analyze(POLICY);
  const report = buildReport('file:///work/harbour/privacy-policy.md', result);

  it('lists every requirement of the applied laws, in catalog order, with its provision', () => {
    const expected = ruleCatalog().filter(r => r.kind === 'requirement' && r.jurisdiction === 'gdpr');
    assert.ok(expected.length > 0, 'the catalog has GDPR requirements');
    assert.deepStrictEqual(report.requirements.map(r => r.id), expected.map(r => r.id));
    for (const [i, r] of report.requirements.entries()) {
      assert.strictEqual(r.title, expected[i].title);
      assert.strictEqual(r.citation, expected[i].citation);
      assert.ok(['present', 'missing', 'not-applicable', 'not-checked'].includes(r.status), r.status);
    }
    assert.strictEqual(report.title, 'Privacy Policy');
    assert.strictEqual(report.fileName, 'privacy-policy.md');
    assert.strictEqual(report.jurisdictionSource, 'declared in the front matter');
  });

  it('agrees with the coverage numbers and quotes the clauses it rests on', () => {
    const [gdpr] = report.coverage;
    assert.strictEqual(report.requirements.filter(r => r.status === 'present').length, gdpr.present);
    assert.strictEqual(report.requirements.filter(r => r.status === 'present' || r.status === 'missing').length, gdpr.applicable);
    assert.strictEqual(report.text, `GDPR ${gdpr.present}/${gdpr.applicable}`);
    const lines = POLICY.split('\n');
    for (const r of report.requirements) {
      for (const e of r.evidence) {
        const quoted = lines.slice(e.range.start.line, e.range.end.line + 1).join(' ');
        assert.ok(quoted.replace(/\s+/g, ' ').includes(e.text.replace(/…$/, '')), `${r.id}: “${e.text}” is on line ${e.range.start.line + 1}`);
      }
      if (r.status === 'missing') assert.deepStrictEqual(r.evidence, [], `${r.id}: no evidence when missing`);
    }
  });

  it('writes a memo in Markdown that is not itself taken for a policy', () => {
    assert.strictEqual(report.markdown, reportMarkdown(report));
    assert.ok(report.markdown.startsWith('# Coverage report\n\nDocument: Privacy Policy (`privacy-policy.md`)\n\nLaws checked: GDPR (declared in the front matter)\n'));
    assert.ok(report.markdown.includes(`\n## GDPR — ${report.coverage[0].present} of ${report.coverage[0].applicable} applicable requirements present\n`));
    assert.strictEqual(report.markdown.split('\n').filter(l => /^\| .+ \(`gdpr\/[a-z-]+`\) \|/.test(l)).length, report.requirements.length, 'one table row per requirement');
    assert.ok(!isPolicyDocument('untitled:Untitled-1', report.markdown, [], false));
  });

  it('escapes table cells and links the provision', () => {
    const memo: CoverageReport = {
      uri: 'file:///w/p.md',
      isPolicy: true,
      jurisdictions: ['ccpa'],
      coverage: [{ jurisdiction: 'ccpa', present: 1, applicable: 2 }],
      text: coverageText([{ jurisdiction: 'ccpa', present: 1, applicable: 2 }]),
      title: 'Policy | draft',
      fileName: 'p.md',
      jurisdictionSource: 'assumed from the text',
      requirements: [
        { id: 'ccpa/right-to-delete', jurisdiction: 'ccpa', title: 'Right to delete', citation: 'Civ. Code §1798.105', url: 'https://example.test/1798.105', status: 'present', evidence: [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 9 } }, text: 'Ask us | we delete' }] },
        { id: 'ccpa/right-to-know', jurisdiction: 'ccpa', title: 'Right to know', citation: 'Civ. Code §1798.100', status: 'missing', evidence: [] },
      ],
      markdown: '',
    };
    const md = reportMarkdown(memo);
    assert.strictEqual(memo.text, 'CCPA 1/2');
    assert.ok(md.includes('Document: Policy \\| draft (`p.md`)'), md);
    assert.ok(md.includes('| Right to delete (`ccpa/right-to-delete`) | present | [Civ. Code §1798.105](https://example.test/1798.105) | line 12: “Ask us \\| we delete” |'), md);
    assert.ok(md.includes('| Right to know (`ccpa/right-to-know`) | **missing** | Civ. Code §1798.100 |  |'), md);
    assert.ok(md.includes('## CCPA — 1 of 2 applicable requirements present'), md);
  });
});
