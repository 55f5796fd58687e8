// The VS Code client: starts the language server over IPC, passes settings,
// registers commands and shows coverage in the status bar. All analysis,
// including the coverage report's content, happens in the server.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { CoverageReport, CoverageSummary } from '../../server/src/lsp/report';
import { CoverageStatus } from './coverageStatus';
import { ReportPanel } from './reportPanel';

const COVERAGE_REQUEST = 'clausewise/coverage';
const REPORT_REQUEST = 'clausewise/report';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.clausewise.{yaml,yml}');
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'clausewise', fileEvents: configWatcher },
    // VS Code outlines Markdown headings itself: ask for symbols of pasted text only, so the outline has no duplicates.
    initializationOptions: { settings: vscode.workspace.getConfiguration('clausewise'), outline: 'pasted-text-only' },
  };
  const languageClient = new LanguageClient('clausewise', 'Clausewise', serverOptions, clientOptions);
  client = languageClient;

  const coverageOf = (uri: vscode.Uri) => languageClient.sendRequest<CoverageSummary | null>(COVERAGE_REQUEST, { uri: uri.toString() });
  const reportOf = (uri: vscode.Uri) => languageClient.sendRequest<CoverageReport | null>(REPORT_REQUEST, { uri: uri.toString() });
  const status = new CoverageStatus(coverageOf);
  const panel = new ReportPanel(reportOf);
  context.subscriptions.push(status, panel);

  /** The policy a command applies to: its argument (status bar, menus), else the active editor. */
  const target = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    return vscode.window.activeTextEditor?.document.uri;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('clausewise.checkAsPolicy', async (arg?: unknown) => {
      const uri = target(arg);
      if (!uri) return;
      // From the Explorer's context menu the file may not be open yet: findings show in its editor.
      if (!vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString())) await vscode.window.showTextDocument(uri, { preview: false });
      await languageClient.sendRequest('workspace/executeCommand', { command: 'clausewise.server.checkAsPolicy', arguments: [uri.toString()] });
      status.refreshSoon();
    }),
    vscode.commands.registerCommand('clausewise.showCoverageReport', async (arg?: unknown) => {
      const uri = target(arg);
      if (!uri) return undefined;
      const report = await reportOf(uri);
      if (!report) {
        void vscode.window.showInformationMessage('Clausewise checks this file only as a policy. Run "Clausewise: Check this file as a policy" first.');
        return undefined;
      }
      panel.show(uri, report);
      return report;
    }),
    vscode.commands.registerCommand('clausewise.exportCoverageReport', async (arg?: unknown) => {
      const uri = target(arg);
      const report = uri && (await reportOf(uri));
      if (!report) {
        void vscode.window.showInformationMessage('Open a policy checked by Clausewise to export its coverage report.');
        return undefined;
      }
      const memo = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
      await vscode.window.showTextDocument(memo, { preview: false });
      return memo;
    }),
  );

  await languageClient.start();
  status.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
