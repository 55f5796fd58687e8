import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './codeActions';
import { toDiagnostic } from './convert';
import { PolicyState, type DocumentAnalysis } from './policyState';
import { DEFAULT_SETTINGS, normaliseSettings, type ClausewiseSettings } from './settings';

/** Delay after the last keystroke before a document is re-analysed. */
const DEBOUNCE_MS = 120;

export const COMMAND_CHECK_AS_POLICY = 'clausewise.checkAsPolicy';

/**
 * Wires the engine to a language client: document sync, settings, and
 * diagnostics — pulled where the client supports it, pushed otherwise.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let pullDiagnostics = false;
  let configurationRequests = false;
  let settings: ClausewiseSettings = DEFAULT_SETTINGS;
  const perDocument = new Map<string, ClausewiseSettings>();
  const timers = new Map<string, NodeJS.Timeout>();

  const state = new PolicyState(
    uri => perDocument.get(uri) ?? settings,
    (ruleId, error) => connection.console.error(`clausewise: rule ${ruleId} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    configurationRequests = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) settings = normaliseSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [COMMAND_CHECK_AS_POLICY] },
      },
      serverInfo: { name: 'clausewise', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'clausewise' });
    void refreshSettings();
  });

  async function refreshSettings() {
    perDocument.clear();
    if (configurationRequests) {
      try {
        settings = normaliseSettings(await connection.workspace.getConfiguration('clausewise'));
        for (const doc of documents.all()) perDocument.set(doc.uri, normaliseSettings(await connection.workspace.getConfiguration({ scopeUri: doc.uri, section: 'clausewise' })));
      } catch (e) {
        connection.console.warn(`clausewise: could not read settings: ${String(e)}`);
      }
    }
    state.invalidateAll();
    recheckAll();
  }

  connection.onDidChangeConfiguration(change => {
    const s = (change.settings as { clausewise?: unknown } | undefined)?.clausewise;
    if (!configurationRequests && s) settings = normaliseSettings(s);
    void refreshSettings();
  });

  function recheckAll() {
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const doc of documents.all()) schedule(doc, 0);
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS) {
    if (pullDiagnostics) return;
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        const analysis = safeAnalyse(current);
        // A newer edit arrived while analysing: its own run will publish.
        if (documents.get(doc.uri)?.version !== current.version) return;
        void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: diagnosticsOf(current, analysis) });
      }, delay),
    );
  }

  function safeAnalyse(doc: TextDocument): DocumentAnalysis {
    try {
      return state.analyse(doc, () => documents.get(doc.uri)?.version !== doc.version);
    } catch (error) {
      connection.console.error(`clausewise: analysis of ${doc.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return { version: doc.version, isPolicy: false, result: null };
    }
  }

  function diagnosticsOf(doc: TextDocument, analysis: DocumentAnalysis) {
    if (!analysis.result) return [];
    return analysis.result.findings.map(f => toDiagnostic(f, doc.uri));
  }

  documents.onDidOpen(e => schedule(e.document, 0));
  documents.onDidChangeContent(e => schedule(e.document));
  documents.onDidClose(e => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    state.forget(e.document.uri);
    perDocument.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(doc, safeAnalyse(doc)) };
  });

  connection.onCodeAction(params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return codeActions(doc, safeAnalyse(doc), params);
  });

  connection.onExecuteCommand(params => {
    if (params.command === COMMAND_CHECK_AS_POLICY) {
      const uri = params.arguments?.[0];
      if (typeof uri === 'string') {
        state.force(uri);
        const doc = documents.get(uri);
        if (pullDiagnostics) void connection.languages.diagnostics.refresh();
        else if (doc) schedule(doc, 0);
      }
    }
    return null;
  });

  documents.listen(connection);
  connection.listen();
}
