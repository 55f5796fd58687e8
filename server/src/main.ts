// The language server's entry point. `node dist/server.js --stdio` serves any
// LSP client; VS Code starts it over IPC (--node-ipc), chosen from argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

if (!process.argv.some(a => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stderr.write('usage: clausewise-server --stdio | --node-ipc\n  Runs the Clausewise language server; see the README for editor setup.\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
