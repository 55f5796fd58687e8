// The language server started inside the test process over in-memory streams:
// lets a test inject a failing rule into the engine the server runs, and
// measure the server's own heap after garbage collection.
import { PassThrough } from 'stream';
import * as v8 from 'v8';
import * as vm from 'vm';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from '../../server/src/lsp/server';

export interface InProcessServer {
  client: MessageConnection;
  logs: { type: number; message: string }[];
  published: PublishDiagnosticsParams[];
  diagnostics(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]>;
  dispose(): void;
}

export async function startInProcessServer(capabilities: object = {}): Promise<InProcessServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Reader/writer objects (not raw streams), so the library does not exit the process when a stream ends.
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection);
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: InProcessServer['logs'] = [];
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification('window/logMessage', (p: { type: number; message: string }) => void logs.push(p));
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  client.listen();
  // processId null: the library would otherwise poll that process and exit with it.
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities });
  await client.sendNotification('initialized', {});
  return {
    client,
    logs,
    published,
    async diagnostics(uri, version, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = published.find(p => p.uri === uri && p.version === version);
        if (hit) return hit.diagnostics;
        if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}; logs: ${JSON.stringify(logs)}`);
        await new Promise(r => setTimeout(r, 10));
      }
    },
    dispose() {
      client.dispose();
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}

let gcFunction: (() => void) | undefined;

/** A full garbage collection, even without --expose-gc (the flag can be set at run time). */
export function collectGarbage(): void {
  if (!gcFunction) {
    v8.setFlagsFromString('--expose-gc');
    gcFunction = vm.runInNewContext('gc') as () => void;
  }
  gcFunction();
  gcFunction();
}
