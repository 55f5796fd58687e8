import * as assert from 'assert';
import { analyze } from '../../server/src/analysis';

const rule = 'hygiene/placeholder';
const hits = (text: string) => analyze(text, { jurisdictions: ['gdpr'] }).findings.filter(f => f.ruleId === rule);

describe('hygiene/placeholder', () => {
  it('flags template leftovers with their exact range', () => {
    const f = hits('# Privacy Policy\n\nContact [COMPANY NAME] at {{ email }}. TODO: retention.\n');
    assert.deepStrictEqual(f.map(x => x.range.start.character), [8, 26, 39]);
    assert.deepStrictEqual(f[0].range.end, { line: 2, character: 22 });
  });

  it('does not flag links, footnotes, task boxes or code', () => {
    const text = '# Privacy Policy\n\nSee [our cookie notice](cookies.md) and [1].\n\n- [x] done\n\n```\n[COMPANY NAME]\n```\n';
    assert.deepStrictEqual(hits(text), []);
  });

  it('lands on the right characters after CRLF, a BOM and emoji', () => {
    const text = '\uFEFF# Privacy Policy 🔒\r\n\r\nWe 😀 are [INSERT NAME].\r\n';
    const [f] = hits(text);
    assert.deepStrictEqual(f.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 23 } });
  });

  it('can be disabled inline for the next line', () => {
    const text = '# Privacy Policy\n\n<!-- clausewise-disable-next-line hygiene/placeholder -->\nWe are [COMPANY NAME].\n';
    assert.deepStrictEqual(hits(text), []);
  });
});
