import * as assert from 'assert';
import { analyze } from '../../server/src/analysis';

const assumed = (text: string, options = {}) => analyze(text, { asOf: '2026-01-01', ...options }).findings.filter(f => f.ruleId === 'general/jurisdictions-assumed');

/** Applies a finding's single insertion to the text. */
function applyInsertion(text: string, fix: { edits: { range: { start: { line: number; character: number } }; newText: string }[] }): string {
  const [edit] = fix.edits;
  const lines = text.split('\n');
  const offset = lines.slice(0, edit.range.start.line).reduce((n, l) => n + l.length + 1, 0) + edit.range.start.character;
  return text.slice(0, offset) + edit.newText + text.slice(offset);
}

describe('jurisdictions', () => {
  it('take --jurisdictions over the front matter, the front matter over settings', () => {
    const text = '---\nclausewise:\n  jurisdictions: [ccpa]\n---\n# Privacy Policy\n';
    assert.deepStrictEqual(analyze(text, { jurisdictions: ['gdpr'] }).jurisdictions, ['gdpr']);
    assert.deepStrictEqual(analyze(text, { defaultJurisdictions: ['coppa'] }).jurisdictions, ['ccpa']);
    assert.deepStrictEqual(analyze('# Privacy Policy\n', { defaultJurisdictions: ['coppa'] }).jurisdictions, ['coppa']);
    assert.deepStrictEqual(assumed(text), [], 'declared: nothing assumed');
  });

  it('are detected from the text, with one information finding on the title saying why', () => {
    const text = '# Privacy Policy\n\nResidents of the European Economic Area may contact our data controller.\n';
    const result = analyze(text);
    assert.deepStrictEqual(result.jurisdictions, ['gdpr']);
    const [f] = assumed(text);
    assert.strictEqual(f.severity, 'info');
    assert.deepStrictEqual(f.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 16 } });
    assert.match(f.message, /^Checked against GDPR because the text mentions “European Economic Area”/);
  });

  it('offers to write the assumption into a new front matter block', () => {
    const text = '# Privacy Policy\n\nCalifornia residents may ask us what we hold.\n';
    const [f] = assumed(text);
    assert.strictEqual(f.fixes.length, 1);
    assert.strictEqual(applyInsertion(text, f.fixes[0]), `---\nclausewise:\n  jurisdictions: [ccpa, caloppa]\n---\n\n${text}`);
  });

  it('inserts into existing front matter before its closing fence, whether --- or ...', () => {
    for (const fence of ['---', '...']) {
      const text = `---\ntitle: Notice\n${fence}\n# Privacy Policy\n\nCalifornia residents may ask us what we hold.\n`;
      const [f] = assumed(text);
      assert.strictEqual(applyInsertion(text, f.fixes[0]), `---\ntitle: Notice\nclausewise:\n  jurisdictions: [ccpa, caloppa]\n${fence}\n# Privacy Policy\n\nCalifornia residents may ask us what we hold.\n`);
    }
  });

  it('offers no blind edit into a clausewise block or a broken front matter', () => {
    for (const fm of ['---\nclausewise:\n  controller: Acme\n---\n', '---\ntitle: [unclosed\n---\n']) {
      const [f] = assumed(`${fm}# Privacy Policy\n\nCalifornia residents may ask us.\n`);
      assert.ok(f, 'the assumption is still reported');
      assert.deepStrictEqual(f.fixes, []);
    }
  });
});
