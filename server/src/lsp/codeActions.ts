import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis';
import type { DocumentAnalysis } from './policyState';
import { toDiagnostic } from './convert';

function overlaps(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  const before = (p: typeof a.start, q: typeof a.start) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes: each finding's fixes, as described by the rule that reported it. */
export function codeActions(doc: TextDocument, analysis: DocumentAnalysis, params: CodeActionParams): CodeAction[] {
  const result = analysis.result;
  if (!result) return [];
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
  if (wants(CodeActionKind.QuickFix)) {
    for (const f of result.findings) {
      if (!overlaps(f.range, params.range)) continue;
      const diagnostic = toDiagnostic(f, doc.uri);
      for (const fix of f.fixes) actions.push(quickFix(doc, fix.title, fix.edits, diagnostic, fix.safe));
    }
  }
  return actions;
}

function quickFix(doc: TextDocument, title: string, edits: Finding['fixes'][number]['edits'], diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const textEdits: TextEdit[] = edits.map(e => ({ range: e.range, newText: e.newText }));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: textEdits } } };
}
