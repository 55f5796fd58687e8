import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisResult, type Finding } from '../../server/src/analysis';
import { codeActions, FIX_ALL_KIND, fixAll } from '../../server/src/lsp/codeActions';
import { FIXTURES, SHARED } from '../helpers/paths';

const AS_OF = '2026-11-22';
const ALL_LAWS = ['gdpr', 'ccpa', 'caloppa', 'coppa'];

function setup(text: string, jurisdictions?: string[]) {
  const doc = TextDocument.create('file:///tmp/privacy-policy.md', 'markdown', 1, text);
  const result = analyze(text, { asOf: AS_OF, jurisdictions });
  return { doc, result, analysis: { version: 1, isPolicy: true, result } };
}

function actionsAt(text: string, range: Range, only?: string[], jurisdictions?: string[]) {
  const { doc, analysis } = setup(text, jurisdictions);
  return codeActions(doc, analysis, { textDocument: { uri: doc.uri }, range, context: { diagnostics: [], only } });
}

function applyAction(text: string, action: CodeAction): string {
  const doc = TextDocument.create('file:///tmp/x.md', 'markdown', 1, text);
  const edits = Object.values(action.edit?.changes ?? {})[0] ?? [];
  return TextDocument.applyEdits(doc, edits);
}

const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 1000 } });

describe('code actions', () => {
  const placeholderPolicy = ['# Privacy Policy', '', 'We are [COMPANY NAME], a bakery.', 'Our address is {{address}} in Lyon.', ''].join('\n');

  it('disables a rule for a line with a comment line above, where that cannot split a paragraph', () => {
    const actions = actionsAt(placeholderPolicy, lineRange(2), [CodeActionKind.QuickFix], ['gdpr']);
    const disable = actions.find(a => a.title === 'Disable hygiene/placeholder for this line');
    assert.ok(disable, actions.map(a => a.title).join('\n'));
    const out = applyAction(placeholderPolicy, disable);
    assert.strictEqual(out, ['# Privacy Policy', '', '<!-- clausewise-disable-next-line hygiene/placeholder -->', 'We are [COMPANY NAME], a bakery.', 'Our address is {{address}} in Lyon.', ''].join('\n'));
    const after = analyze(out, { asOf: AS_OF, jurisdictions: ['gdpr'] }).findings.filter(f => f.ruleId === 'hygiene/placeholder');
    assert.deepStrictEqual(after.map(f => f.range.start.line), [4], 'only the other placeholder remains');
  });

  it('puts the comment at the end of a line that continues a paragraph', () => {
    const actions = actionsAt(placeholderPolicy, lineRange(3), [CodeActionKind.QuickFix], ['gdpr']);
    const out = applyAction(placeholderPolicy, actions.find(a => a.title === 'Disable hygiene/placeholder for this line')!);
    assert.strictEqual(out, ['# Privacy Policy', '', 'We are [COMPANY NAME], a bakery.', 'Our address is {{address}} in Lyon. <!-- clausewise-disable-line hygiene/placeholder -->', ''].join('\n'));
    const after = analyze(out, { asOf: AS_OF, jurisdictions: ['gdpr'] }).findings.filter(f => f.ruleId === 'hygiene/placeholder');
    assert.deepStrictEqual(after.map(f => f.range.start.line), [2]);
  });

  it('disables a rule for the document after the front matter, keeping CRLF', () => {
    const text = ['---', 'clausewise:', '  jurisdictions: [gdpr]', '---', '# Privacy Policy', '', 'We are [COMPANY NAME].', ''].join('\r\n');
    const actions = actionsAt(text, lineRange(6), [CodeActionKind.QuickFix]);
    const out = applyAction(text, actions.find(a => a.title === 'Disable hygiene/placeholder for this document')!);
    assert.strictEqual(out, ['---', 'clausewise:', '  jurisdictions: [gdpr]', '---', '<!-- clausewise-disable-file hygiene/placeholder -->', '# Privacy Policy', '', 'We are [COMPANY NAME].', ''].join('\r\n'));
    assert.ok(!analyze(out, { asOf: AS_OF }).findings.some(f => f.ruleId === 'hygiene/placeholder'));

    // A second rule joins the comment already there.
    const again = TextDocument.create('file:///tmp/privacy-policy.md', 'markdown', 1, out);
    const result = analyze(out, { asOf: AS_OF });
    const missing = result.findings.find(f => f.kind === 'requirement' && f.ruleId.startsWith('gdpr/'))!;
    const joined = codeActions(again, { version: 1, isPolicy: true, result }, { textDocument: { uri: again.uri }, range: missing.range, context: { diagnostics: [] } }).find(a => a.title === `Disable ${missing.ruleId} for this document`)!;
    assert.strictEqual(applyAction(out, joined).split('\r\n')[4], `<!-- clausewise-disable-file hygiene/placeholder ${missing.ruleId} -->`);
  });

  it('offers each missing disclosure’s clause as a quick fix on its diagnostic', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'lsp', 'markdown-policy.md'), 'utf8');
    const { result } = setup(text);
    const missing = result.findings.find(f => f.ruleId === 'gdpr/retention-period');
    assert.ok(missing, 'the fixture says nothing about retention');
    const actions = actionsAt(text, missing.range, [CodeActionKind.QuickFix]);
    const insert = actions.find(a => a.title.startsWith('Insert a clause “How Long We Keep Your Data”'));
    assert.ok(insert, actions.map(a => a.title).join('\n'));
    assert.strictEqual(insert.kind, CodeActionKind.QuickFix);
    assert.strictEqual(insert.diagnostics?.[0].code, 'gdpr/retention-period');
    const out = applyAction(text, insert);
    assert.ok(out.includes('## How Long We Keep Your Data\n\nWe keep your personal data only'), out);
    assert.strictEqual(analyze(out, { asOf: AS_OF }).requirements.find(r => r.id === 'gdpr/retention-period')?.status, 'present');
  });

  it('fixes all safe fixes at once, and only safe ones', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'lsp', 'mojibake-policy.md'), 'utf8');
    const { doc, analysis } = setup(text);
    const actions = codeActions(doc, analysis, { textDocument: { uri: doc.uri }, range: lineRange(0), context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] } });
    assert.deepStrictEqual(actions.map(a => a.kind), [FIX_ALL_KIND]);
    const out = applyAction(text, actions[0]);
    assert.ok(out.includes('Brightwater Kayaks doesn’t sell your personal information. We’re a small shop'), out);
    assert.strictEqual(out.length, text.length - 4, 'only the two mis-decoded apostrophes changed; no clause inserted');
  });

  it('skips a safe fix that overlaps one already taken', () => {
    const range = (a: number, b: number): Range => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    const finding = (ruleId: string, fixes: Finding['fixes']): Finding => ({ ruleId, kind: 'hygiene', severity: 'warning', message: ruleId, range: range(0, 1), related: [], fixes });
    const text = 'abcdefghij';
    const doc = TextDocument.create('file:///tmp/privacy.md', 'markdown', 1, text);
    const result = {
      findings: [
        finding('a/one', [{ title: 'one', safe: true, edits: [{ range: range(2, 5), newText: 'X' }] }]),
        finding('a/two', [{ title: 'two', safe: true, edits: [{ range: range(4, 6), newText: 'Y' }] }]),
        finding('a/three', [{ title: 'three', safe: false, edits: [{ range: range(8, 9), newText: 'Z' }] }]),
        finding('a/four', [{ title: 'four', safe: true, edits: [{ range: range(0, 0), newText: '>' }, { range: range(9, 10), newText: '!' }] }]),
      ],
    } as unknown as AnalysisResult;
    const action = fixAll(doc, result)!;
    assert.strictEqual(applyAction(text, action), '>abXfghi!');
    assert.deepStrictEqual(action.diagnostics?.map(d => d.code), ['a/four', 'a/one']);
  });
});

/** The documents the property test runs on: the shared seeds (third-party text, read at test time) and our fixtures. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const seeds = path.join(SHARED, 'seeds');
  if (fs.existsSync(seeds)) for (const f of fs.readdirSync(seeds).sort()) out.push({ name: `seeds/${f}`, text: fs.readFileSync(path.join(seeds, f), 'utf8') });
  const own = path.join(FIXTURES, 'lsp');
  for (const f of fs.readdirSync(own).sort()) out.push({ name: `fixtures/lsp/${f}`, text: fs.readFileSync(path.join(own, f), 'utf8') });
  return out;
}

const cmp = (a: Range['start'], b: Range['start']) => a.line - b.line || a.character - b.character;

describe('every offered code action edits exactly what it says', function () {
  this.timeout(120000); // analysing a seed takes seconds on a busy machine
  for (const { name, text: lf } of corpus()) {
    for (const variant of ['LF', 'CRLF'] as const) {
      const text = variant === 'CRLF' ? lf.replace(/\r?\n/g, '\r\n') : lf;
      it(`${name} (${variant})`, () => {
        const { doc, result, analysis } = setup(text, ALL_LAWS);
        const actions: CodeAction[] = [];
        for (const f of result.findings) actions.push(...codeActions(doc, analysis, { textDocument: { uri: doc.uri }, range: f.range, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } }));
        const all = fixAll(doc, result);
        if (all) actions.push(all);
        assert.ok(actions.length >= result.findings.length * 2, 'each finding offers at least its two disable actions');
        for (const action of actions) checkAction(doc, text, action);
      });
    }
  }
});

function checkAction(doc: TextDocument, text: string, action: CodeAction) {
  const edits: TextEdit[] = [...(action.edit?.changes?.[doc.uri] ?? [])];
  assert.ok(edits.length > 0, `${action.title}: no edit`);
  assert.deepStrictEqual(Object.keys(action.edit!.changes!), [doc.uri]);
  const sorted = edits.sort((a, b) => cmp(a.range.start, b.range.start));
  const offsets = sorted.map(e => {
    for (const p of [e.range.start, e.range.end]) {
      assert.ok(p.line >= 0 && p.line < doc.lineCount, `${action.title}: line ${p.line} outside the document`);
      const lineEnd = doc.offsetAt({ line: p.line + 1, character: 0 }) - doc.offsetAt({ line: p.line, character: 0 });
      assert.ok(p.character >= 0 && p.character <= lineEnd, `${action.title}: character ${p.character} beyond line ${p.line}`);
    }
    const start = doc.offsetAt(e.range.start);
    const end = doc.offsetAt(e.range.end);
    assert.ok(start <= end, `${action.title}: reversed range`);
    // Never between the halves of a surrogate pair or of a CRLF.
    for (const o of [start, end]) {
      assert.ok(!(text.charCodeAt(o) >= 0xdc00 && text.charCodeAt(o) <= 0xdfff && o > 0 && text.charCodeAt(o - 1) >= 0xd800 && text.charCodeAt(o - 1) <= 0xdbff), `${action.title}: splits a surrogate pair`);
      assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `${action.title}: splits a CRLF`);
    }
    return { start, end, newText: e.newText };
  });
  for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i - 1].end <= offsets[i].start && offsets[i - 1].start < offsets[i].start, `${action.title}: overlapping edits`);

  const out = TextDocument.applyEdits(doc, edits);
  // Everything outside the edited ranges is the original text, in order.
  let at = 0;
  let cursor = 0;
  for (const e of offsets) {
    const keep = text.slice(at, e.start);
    assert.strictEqual(out.slice(cursor, cursor + keep.length), keep, `${action.title}: changed text before ${e.start}`);
    cursor += keep.length;
    assert.strictEqual(out.slice(cursor, cursor + e.newText.length), e.newText);
    cursor += e.newText.length;
    at = e.end;
  }
  assert.strictEqual(out.slice(cursor), text.slice(at), `${action.title}: changed the text after the last edit`);

  const crlf = /\r\n/.test(text);
  for (const e of offsets) {
    if (crlf) assert.ok(!/(^|[^\r])\n/.test(e.newText), `${action.title}: a bare LF in a CRLF document`);
    else assert.ok(!e.newText.includes('\r'), `${action.title}: a CR in an LF document`);
  }
  if (action.title.startsWith('Insert a clause')) {
    // A new section starts on a line of its own and never splits a line of the original.
    const e = offsets[0];
    assert.strictEqual(e.start, e.end);
    const atLineEnd = e.start === text.length || /[\r\n]/.test(text[e.start]);
    assert.ok(atLineEnd || e.start === 0 || /[\r\n]$/.test(text.slice(0, e.start)), `${action.title}: inserted inside a line`);
    assert.ok(/^(\r?\n)*(#{1,6} )?\S/.test(e.newText), `${action.title}: does not open with a heading or title line`);
  }
}
