import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis';
import type { Feature } from './features';
import type { DocumentAnalysis, KeptAnalysis } from './policyState';
import { toDiagnostic } from './convert';

/** Applies every safe fix of the document in one edit. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.clausewise`;

type Pos = Range['start'];
const before = (p: Pos, q: Pos) => p.line < q.line || (p.line === q.line && p.character < q.character);
const same = (p: Pos, q: Pos) => p.line === q.line && p.character === q.character;

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Two edits that cannot both be applied: intersecting ranges, or two insertions at one point (their order would be arbitrary). */
function conflicts(a: Range, b: Range): boolean {
  if (same(a.start, b.start)) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * Code actions for a range: each finding's own fixes, "disable this rule for
 * this line / this document", and the fix-all source action.
 */
export function codeActions(doc: TextDocument, analysis: DocumentAnalysis, params: CodeActionParams): CodeAction[] {
  const result = analysis.result;
  if (!result) return [];
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
  if (wants(CodeActionKind.QuickFix)) {
    const here = result.findings.filter(f => overlaps(f.range, params.range));
    for (const f of here) {
      const diagnostic = toDiagnostic(f, doc.uri);
      for (const fix of f.fixes) actions.push(quickFix(doc, fix.title, fix.edits, diagnostic, fix.safe));
    }
    const seen = new Set<string>();
    for (const f of here) {
      const diagnostic = toDiagnostic(f, doc.uri);
      const lineKey = `${f.ruleId}@${f.range.start.line}`;
      // An HTML comment inside the YAML front matter would break it: there, only the document-wide switch.
      if (!seen.has(lineKey) && f.range.start.line >= bodyLine(doc, result)) {
        seen.add(lineKey);
        actions.push(quickFix(doc, `Disable ${f.ruleId} for this line`, [disableForLine(doc, result, f)], diagnostic, false));
      }
      if (!seen.has(f.ruleId)) {
        seen.add(f.ruleId);
        actions.push(quickFix(doc, `Disable ${f.ruleId} for this document`, [disableForDocument(doc, result, f.ruleId)], diagnostic, false));
      }
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const all = fixAll(doc, result);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFix(doc: TextDocument, title: string, edits: Finding['fixes'][number]['edits'], diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const textEdits: TextEdit[] = edits.map(e => ({ range: e.range, newText: e.newText }));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: textEdits } } };
}

/**
 * Every fix marked safe, in document order, skipping any fix that would
 * touch text another accepted fix already edits, as one edit.
 */
export function fixAll(doc: TextDocument, result: KeptAnalysis): CodeAction | undefined {
  const candidates = result.findings.flatMap(f => f.fixes.filter(x => x.safe && x.edits.length).map(x => ({ f, x })));
  candidates.sort((a, b) => (before(a.x.edits[0].range.start, b.x.edits[0].range.start) ? -1 : before(b.x.edits[0].range.start, a.x.edits[0].range.start) ? 1 : 0));
  const accepted: TextEdit[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { f, x } of candidates) {
    if (x.edits.some(e => accepted.some(a => conflicts(a.range, e.range)) || x.edits.some(o => o !== e && conflicts(o.range, e.range)))) continue;
    accepted.push(...x.edits.map(e => ({ range: e.range, newText: e.newText })));
    diagnostics.push(toDiagnostic(f, doc.uri));
  }
  if (!accepted.length) return undefined;
  return { title: 'Clausewise: apply all safe fixes', kind: FIX_ALL_KIND, diagnostics, edit: { changes: { [doc.uri]: accepted } } };
}

function eolOf(doc: TextDocument): string {
  const text = doc.getText();
  const i = text.search(/\r\n|\n|\r/);
  return i < 0 ? '\n' : text.startsWith('\r\n', i) ? '\r\n' : text[i];
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

/** The first line after the front matter (0 without one). */
function bodyLine(doc: TextDocument, result: KeptAnalysis): number {
  const fm = result.document.frontMatter;
  return fm ? result.document.lines.positionAt(fm.span.end).line + 1 : 0;
}

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;

/**
 * `<!-- clausewise-disable-next-line id -->` on its own line above the
 * finding's line, where a line of its own cannot split a paragraph or a list;
 * otherwise `<!-- clausewise-disable-line id -->` at the end of that line.
 */
export function disableForLine(doc: TextDocument, result: KeptAnalysis, f: Finding): TextEdit {
  const line = f.range.start.line;
  const text = lineText(doc, line);
  const previous = line > 0 ? lineText(doc, line - 1) : '';
  const startsBlock = line <= bodyLine(doc, result) || previous.trim() === '' || HEADING.test(previous) || HEADING.test(text);
  if (startsBlock && !/^\s/.test(text)) {
    const at = { line, character: line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0 };
    return { range: { start: at, end: at }, newText: `<!-- clausewise-disable-next-line ${f.ruleId} -->${eolOf(doc)}` };
  }
  const end = { line, character: text.length };
  return { range: { start: end, end }, newText: ` <!-- clausewise-disable-line ${f.ruleId} -->` };
}

const FILE_COMMENT = /^<!--\s*clausewise-disable-file((?:\s+[\w/*-]+)+)\s*-->\s*$/;

/** `<!-- clausewise-disable-file id -->` at the top, after any front matter (added to such a comment already there). */
export function disableForDocument(doc: TextDocument, result: KeptAnalysis, ruleId: string): TextEdit {
  const line = bodyLine(doc, result);
  const first = line < doc.lineCount ? lineText(doc, line) : '';
  const existing = FILE_COMMENT.exec(first);
  if (existing) {
    const at = { line, character: first.lastIndexOf('-->') };
    const spaced = /\s$/.test(first.slice(0, at.character));
    return { range: { start: at, end: at }, newText: spaced ? `${ruleId} ` : ` ${ruleId} ` };
  }
  const comment = `<!-- clausewise-disable-file ${ruleId} -->`;
  if (line >= doc.lineCount) {
    // The document is only its front matter, without a final line break.
    const end = doc.positionAt(doc.getText().length);
    return { range: { start: end, end }, newText: `${eolOf(doc)}${comment}` };
  }
  const at = { line, character: line === 0 && first.charCodeAt(0) === 0xfeff ? 1 : 0 };
  return { range: { start: at, end: at }, newText: `${comment}${eolOf(doc)}` };
}

export const codeActionFeature: Feature = {
  capabilities(caps) {
    caps.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] };
  },
  register({ connection, documents, analyse }) {
    connection.onCodeAction(params => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? codeActions(doc, analyse(doc), params) : [];
    });
  },
};
