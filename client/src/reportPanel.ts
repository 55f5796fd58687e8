import * as vscode from 'vscode';
import type { CoverageReport, ReportRequirement } from '../../server/src/lsp/report';

type PanelMessage = { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | { type: 'export' };

const STATUS_TEXT: Record<ReportRequirement['status'], string> = { present: 'present', missing: 'missing', 'not-applicable': 'n.a.', 'not-checked': 'not checked' };

/**
 * The coverage report in a webview: every requirement of the applied laws
 * with its status, citation and evidence links that reveal the clause.
 * One panel, re-used and kept up to date while the policy changes.
 */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private policy: vscode.Uri | undefined;
  private readonly listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly reportOf: (uri: vscode.Uri) => Thenable<CoverageReport | null>) {
    this.listeners.push(
      vscode.languages.onDidChangeDiagnostics(e => {
        if (this.panel && this.policy && e.uris.some(u => u.toString() === this.policy!.toString())) this.updateSoon();
      }),
    );
  }

  show(policy: vscode.Uri, report: CoverageReport) {
    this.policy = policy;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('clausewise.coverageReport', 'Coverage report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: PanelMessage) => this.onMessage(m));
    }
    this.render(report);
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  private updateSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      if (!this.panel || !this.policy) return;
      const report = await Promise.resolve(this.reportOf(this.policy)).catch(() => null);
      if (report && this.panel) this.render(report);
    }, 300);
  }

  private render(report: CoverageReport) {
    if (!this.panel) return;
    this.panel.title = `Coverage: ${report.fileName}`;
    this.panel.webview.html = reportHtml(report, nonce());
  }

  private async onMessage(message: PanelMessage) {
    if (!this.policy) return;
    if (message.type === 'export') {
      await vscode.commands.executeCommand('clausewise.exportCoverageReport', this.policy);
      return;
    }
    if (message.type === 'reveal') {
      const { start, end } = message.range;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      await vscode.window.showTextDocument(this.policy, { viewColumn: vscode.ViewColumn.One, selection });
    }
  }

  dispose() {
    clearTimeout(this.timer);
    this.listeners.forEach(l => l.dispose());
    this.panel?.dispose();
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function nonce(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)];
  return s;
}

export function reportHtml(report: CoverageReport, scriptNonce: string): string {
  const sections = report.jurisdictions.map(j => {
    const rows = report.requirements.filter(r => r.jurisdiction === j).map(r => {
      const citation = r.citation ? (r.url ? `<a href="${escape(r.url)}">${escape(r.citation)}</a>` : escape(r.citation)) : '';
      const evidence = r.evidence
        .map(e => `<a href="#" class="evidence" data-range="${escape(JSON.stringify(e.range))}">line ${e.range.start.line + 1}</a> “${escape(e.text)}”`)
        .join('<br>');
      return `<tr class="${r.status}"><td>${escape(r.title)}<div class="id">${escape(r.id)}</div></td><td class="status">${STATUS_TEXT[r.status]}</td><td>${citation}</td><td>${evidence}</td></tr>`;
    });
    const c = report.coverage.find(x => x.jurisdiction === j);
    const heading = `${j.toUpperCase()}${c ? ` — ${c.present} of ${c.applicable} applicable requirements present` : ''}`;
    const body = rows.length ? `<table><thead><tr><th>Requirement</th><th>Status</th><th>Provision</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>No requirements of this law are in the catalog.</p>';
    return `<h2>${escape(heading)}</h2>${body}`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${scriptNonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
.id { opacity: 0.7; font-family: var(--vscode-editor-font-family); font-size: 90%; }
tr.missing .status { color: var(--vscode-errorForeground); font-weight: bold; }
tr.present .status { color: var(--vscode-testing-iconPassed); }
tr.not-applicable .status, tr.not-checked .status { opacity: 0.7; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
</style></head>
<body>
<h1>Coverage report</h1>
<p>${escape(report.title)} (<code>${escape(report.fileName)}</code>)<br>
Laws: ${escape(report.jurisdictions.map(j => j.toUpperCase()).join(', ') || 'none')} (${escape(report.jurisdictionSource)})<br>
Coverage: <strong id="coverage">${escape(report.text || 'no applicable requirements')}</strong></p>
<p><button id="export">Export as Markdown</button></p>
${sections.join('\n')}
<script nonce="${scriptNonce}">
const vscode = acquireVsCodeApi();
document.getElementById('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
for (const a of document.querySelectorAll('a.evidence')) {
  a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'reveal', range: JSON.parse(a.dataset.range) }); });
}
</script>
</body></html>`;
}
