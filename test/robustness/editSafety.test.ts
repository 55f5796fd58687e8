import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { analyze } from '../../server/src/analysis';
import { codeActions } from '../../server/src/lsp/codeActions';
import { policyDocument } from './arbitraries';
import { runs, timeoutFor } from './fuzzConfig';
import { checkRange, checkResult, Lines } from './invariants';

const URI = 'file:///tmp/clausewise-robustness/privacy-policy.md';
const OPTIONS = { asOf: '2026-01-01' };

const offsetOf = (lines: Lines, p: { line: number; character: number }) => lines.starts[p.line] + p.character;
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** The document's one line-break style, or null when it mixes them (then no style can be "wrong"). */
function eolOf(text: string): string | null {
  const styles = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  return styles.size === 1 ? [...styles][0] : null;
}

/**
 * What applying any code action must respect: edits inside the document, on
 * character boundaries, never overlapping, written in the document's own
 * line breaks, without broken characters; the result still analyses cleanly
 * and gains no front-matter error.
 */
function checkAction(text: string, action: CodeAction, frontMatterErrorsBefore: number): { after: string; edits: TextEdit[] } {
  const edits = action.edit?.changes?.[URI] ?? [];
  assert.ok(edits.length > 0, `“${action.title}” carries edits`);
  const lines = new Lines(text);
  for (const e of edits) checkRange(lines, e.range, `“${action.title}”`);
  const sorted = [...edits].sort((a, b) => offsetOf(lines, a.range.start) - offsetOf(lines, b.range.start));
  for (let i = 1; i < sorted.length; i++) {
    const prevEnd = offsetOf(lines, sorted[i - 1].range.end);
    const start = offsetOf(lines, sorted[i].range.start);
    assert.ok(prevEnd <= start, `“${action.title}”: overlapping edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`);
    assert.ok(!(prevEnd === start && offsetOf(lines, sorted[i - 1].range.start) === start), `“${action.title}”: two insertions at one point`);
  }
  const eol = eolOf(text);
  for (const e of edits) {
    assert.ok(!hasLoneSurrogate(e.newText), `“${action.title}” inserts a broken character`);
    if (eol) for (const brk of e.newText.match(/\r\n|\r|\n/g) ?? []) assert.strictEqual(JSON.stringify(brk), JSON.stringify(eol), `“${action.title}” inserts a foreign line break into a ${JSON.stringify(eol)} document`);
  }
  const after = TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), edits);
  const result = analyze(after, OPTIONS);
  checkResult(after, result);
  const fmErrors = result.findings.filter(f => f.ruleId === 'hygiene/front-matter').length;
  assert.ok(fmErrors <= frontMatterErrorsBefore, `“${action.title}” breaks the front matter: ${JSON.stringify(after.slice(0, 200))}`);
  return { after, edits };
}

describe('robustness: every code action and fix-all on generated documents is safe to apply', function () {
  this.timeout(timeoutFor(300_000));

  it('quick fixes, disable comments and fix-all keep the text intact and do what they say', () => {
    let actionsSeen = 0;
    let fixAllSeen = 0;
    fc.assert(
      fc.property(policyDocument, fc.nat(), (text, pickSeed) => {
        const doc = TextDocument.create(URI, 'markdown', 1, text);
        const result = analyze(text, OPTIONS);
        const fmBefore = result.findings.filter(f => f.ruleId === 'hygiene/front-matter').length;
        const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
        const actions = codeActions(doc, { version: 1, isPolicy: true, result }, { textDocument: { uri: URI }, range: whole, context: { diagnostics: [] } });
        // Re-analysing after every action is slow: check a deterministic sample of up to six, and always fix-all.
        const sample = actions.filter((a, i) => a.kind?.startsWith('source.fixAll') || (i + pickSeed) % Math.max(1, Math.ceil(actions.length / 6)) === 0);
        for (const action of sample) {
          const { after } = checkAction(text, action, fmBefore);
          actionsSeen++;
          if (action.kind?.startsWith('source.fixAll')) fixAllSeen++;
          const disable = /^Disable (\S+) for this (line|document)$/.exec(action.title);
          if (disable) {
            const [, ruleId, scope] = disable;
            const before = result.findings.filter(f => f.ruleId === ruleId).length;
            const remaining = analyze(after, OPTIONS).findings.filter(f => f.ruleId === ruleId).length;
            if (scope === 'document') assert.strictEqual(remaining, 0, `${action.title}: ${ruleId} still reported`);
            else assert.ok(remaining < before, `${action.title}: ${ruleId} reported ${remaining} times, before ${before}`);
          }
        }
      }),
      runs(60),
    );
    assert.ok(actionsSeen > 50, `generated documents yield code actions (${actionsSeen})`);
    assert.ok(fixAllSeen > 0, 'and fix-all actions');
  });
});
