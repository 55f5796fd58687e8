// Helpers for tests that drive the real `vscode` API in an extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'clausewise.clausewise';

export function folder(index = 0): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folders[index], `workspace folder ${index} expected; the suite runs in test/fixtures/editor/clausewise.code-workspace`);
  return folders[index].uri;
}

export const fileIn = (relative: string, folderIndex = 0) => vscode.Uri.joinPath(folder(folderIndex), ...relative.split('/'));

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'clausewise');
export const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/**
 * Waits until the Clausewise diagnostics of `uri` satisfy `accept`, and
 * returns them; fails with what was there instead.
 */
export async function diagnosticsWhere(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = ours(uri);
    if (accept(now)) return now;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} in ${uri.path}; diagnostics: ${describe(now)}`);
    await new Promise<void>(resolve => {
      const listener = vscode.languages.onDidChangeDiagnostics(() => {
        listener.dispose();
        resolve();
      });
      setTimeout(() => {
        listener.dispose();
        resolve();
      }, 200);
    });
  }
}

export const withRule = (ruleId: string) => (ds: vscode.Diagnostic[]) => ds.some(d => codeOf(d) === ruleId);
export const withoutRule = (ruleId: string) => (ds: vscode.Diagnostic[]) => !ds.some(d => codeOf(d) === ruleId);

export function describe(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map(d => ({ code: codeOf(d), severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message })));
}

/** The range of the first occurrence of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, from = 0): vscode.Range {
  const at = doc.getText().indexOf(needle, from);
  assert.ok(at >= 0, `“${needle}” expected in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Settles quietly for `ms`, for the few checks that something does NOT appear. */
export const settle = (ms: number) => new Promise(r => setTimeout(r, ms));
