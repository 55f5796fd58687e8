import * as vscode from 'vscode';
import type { CoverageSummary } from '../../server/src/lsp/report';

/**
 * The status bar item: coverage per law for the active policy
 * ("GDPR 17/20 · CCPA 12/18"); a click opens the coverage report.
 * Hidden for Markdown files that are not policies.
 */
export class CoverageStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clausewise.coverage', vscode.StatusBarAlignment.Right, 100);
  private readonly listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly coverageOf: (uri: vscode.Uri) => Thenable<CoverageSummary | null>) {
    this.item.name = 'Clausewise coverage';
  }

  start() {
    this.listeners.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon(0)),
      vscode.languages.onDidChangeDiagnostics(e => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some(u => u.toString() === active)) this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('clausewise') && this.refreshSoon()),
    );
    this.refreshSoon(0);
  }

  /** Coalesces bursts of diagnostics updates into one request. */
  refreshSoon(delay = 150) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh() {
    const editor = vscode.window.activeTextEditor;
    const generation = ++this.generation;
    if (!editor || editor.document.languageId !== 'markdown') return this.item.hide();
    let summary: CoverageSummary | null = null;
    try {
      summary = await this.coverageOf(editor.document.uri);
    } catch {
      summary = null; // the server is restarting; the next diagnostics update refreshes
    }
    if (generation !== this.generation) return; // a newer refresh is under way
    if (!summary?.isPolicy) return this.item.hide();
    this.item.text = `$(law) ${summary.text || 'Clausewise'}`;
    const laws = summary.coverage.map(c => `${c.jurisdiction.toUpperCase()}: ${c.present} of ${c.applicable} applicable requirements present`);
    this.item.tooltip = [...laws, 'Click for the Clausewise coverage report'].join('\n');
    this.item.command = { title: 'Show coverage report', command: 'clausewise.showCoverageReport', arguments: [editor.document.uri] };
    this.item.show();
  }

  dispose() {
    clearTimeout(this.timer);
    this.listeners.forEach(l => l.dispose());
    this.item.dispose();
  }
}
