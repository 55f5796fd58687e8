// The VS Code client: starts the language server over IPC, passes settings,
// registers commands and shows coverage in the status bar. All analysis
// happens in the server.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'clausewise' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('clausewise') },
  };
  client = new LanguageClient('clausewise', 'Clausewise', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('clausewise.coverage', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Clausewise coverage';
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('clausewise.checkAsPolicy', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest('workspace/executeCommand', { command: 'clausewise.checkAsPolicy', arguments: [editor.document.uri.toString()] });
    }),
  );

  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      status.hide();
      return;
    }
    const ours = vscode.languages.getDiagnostics(editor.document.uri).filter(d => d.source === 'clausewise');
    const missing = ours.filter(d => String(typeof d.code === 'object' ? d.code.value : d.code).match(/^(gdpr|ccpa|caloppa|coppa|general)\//)).length;
    status.text = ours.length ? `$(law) Clausewise: ${missing} missing · ${ours.length - missing} other` : '$(law) Clausewise';
    status.tooltip = 'Clausewise findings for this policy';
    status.command = 'workbench.actions.view.problems';
    status.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(updateStatus), vscode.languages.onDidChangeDiagnostics(updateStatus));

  await client.start();
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
