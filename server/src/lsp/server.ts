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
import { toDiagnostic } from './convert';
import { FEATURES, type ServerContext } from './features';
import { PolicyState, type DocumentAnalysis } from './policyState';
import { DEFAULT_SETTINGS, normaliseSettings, type ClausewiseSettings } from './settings';

/**
 * Longest delay after the last keystroke before a document is re-analysed.
 * The actual delay is the duration of the document's previous analysis (up to
 * this), so an expensive analysis waits for a pause instead of being wasted on
 * every keystroke of a burst.
 */
const DEBOUNCE_MS = 120;

/**
 * An analysis at most this long runs on the next turn of the event loop
 * instead: diagnostics keep up with typing, a hover waits for it no longer
 * than this, and the edits of one burst that arrived together still share
 * one analysis.
 */
const IMMEDIATE_MS = 100;

/**
 * Before any re-analysis of a document has been timed, a document up to this
 * size is re-analysed at once: re-analysing it after an edit costs well under
 * IMMEDIATE_MS (about 10 ms at 60 KB). The first analysis says little about
 * that: it reads every sentence, where a re-analysis reads the edited one.
 */
const IMMEDIATE_SIZE = 200_000;

/**
 * The delay before re-analysing, from the costs of the document's last two
 * re-analyses: the cheaper one, so that one slow analysis (a garbage
 * collection in the middle of it) does not make the next keystroke wait.
 */
function debounceFor(costs: readonly number[] | undefined, size: number): number {
  if (!costs?.length) return size <= IMMEDIATE_SIZE ? 0 : DEBOUNCE_MS;
  const cost = Math.min(...costs);
  return cost <= IMMEDIATE_MS ? 0 : Math.min(DEBOUNCE_MS, cost);
}

/**
 * Not the VS Code command's id (`clausewise.checkAsPolicy`): vscode-languageclient
 * registers every server command as a VS Code command, and two registrations
 * of one id make the extension fail to start.
 */
export const COMMAND_CHECK_AS_POLICY = 'clausewise.server.checkAsPolicy';

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
  /** How long each document's last two re-analyses took (ms), to size its debounce. */
  const analysisCost = new Map<string, number[]>();

  const state = new PolicyState(
    uri => perDocument.get(uri) ?? settings,
    (ruleId, error) => connection.console.error(`clausewise: rule ${ruleId} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    configurationRequests = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) settings = normaliseSettings(init.settings);
    const capabilities: InitializeResult['capabilities'] = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      executeCommandProvider: { commands: [COMMAND_CHECK_AS_POLICY, ...FEATURES.flatMap(f => f.commands ?? [])] },
    };
    for (const feature of FEATURES) feature.capabilities?.(capabilities, params);
    return { capabilities, serverInfo: { name: 'clausewise', version: '0.1.0' } };
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

  function schedule(doc: TextDocument, delay = debounceFor(analysisCost.get(doc.uri), doc.getText().length)) {
    if (pullDiagnostics) return;
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        const analysis = safeAnalyse(current);
        // The analysis blocked the event loop, so edits sent meanwhile are
        // still unread: publish on the next turn, after they are applied, and
        // only if none of them changed the document (its own run publishes).
        timers.set(
          doc.uri,
          setTimeout(() => {
            timers.delete(doc.uri);
            if (documents.get(doc.uri)?.version !== current.version) return;
            void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: diagnosticsOf(current, analysis) });
          }, 0),
        );
      }, delay),
    );
  }

  function safeAnalyse(doc: TextDocument): DocumentAnalysis {
    const started = performance.now();
    try {
      const cached = state.cached(doc);
      const reanalysis = !cached && state.latest(doc.uri) !== undefined;
      const analysis = cached ?? state.analyse(doc, () => documents.get(doc.uri)?.version !== doc.version);
      if (reanalysis) analysisCost.set(doc.uri, [performance.now() - started, ...(analysisCost.get(doc.uri) ?? []).slice(0, 1)]);
      return analysis;
    } catch (error) {
      connection.console.error(`clausewise: analysis of ${doc.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return { version: doc.version, isPolicy: false, result: null };
    }
  }

  const configWarnings = new Set<string>();
  function diagnosticsOf(doc: TextDocument, analysis: DocumentAnalysis) {
    // A broken .clausewise.yaml is ignored, never fatal; say so once per distinct problem.
    if (analysis.configProblem && !configWarnings.has(analysis.configProblem)) {
      configWarnings.add(analysis.configProblem);
      void connection.window.showWarningMessage(`Clausewise ignored a configuration file: ${analysis.configProblem}`);
    }
    if (!analysis.result) return [];
    return analysis.result.findings.map(f => toDiagnostic(f, doc.uri));
  }

  // Settings are per resource (multi-root): read the opened file's own before its first check.
  const settingsLoaded = new Map<string, Promise<void>>();
  /** Documents whose settings are still being read: they are checked once the settings arrive, not before. */
  const settingsPending = new Set<string>();
  function loadDocumentSettings(uri: string): Promise<void> {
    if (!configurationRequests) return Promise.resolve();
    settingsPending.add(uri);
    const loaded = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'clausewise' })
      .then(
        raw => {
          perDocument.set(uri, normaliseSettings(raw));
          state.forget(uri);
        },
        e => connection.console.warn(`clausewise: could not read settings for ${uri}: ${String(e)}`),
      )
      .finally(() => settingsPending.delete(uri));
    settingsLoaded.set(uri, loaded);
    return loaded;
  }

  documents.onDidOpen(e => void loadDocumentSettings(e.document.uri).then(() => schedule(e.document, 0)));
  documents.onDidChangeContent(e => {
    if (!settingsPending.has(e.document.uri)) schedule(e.document);
  });
  documents.onDidClose(e => {
    settingsPending.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analysisCost.delete(e.document.uri);
    state.forget(e.document.uri);
    perDocument.delete(e.document.uri);
    settingsLoaded.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    await settingsLoaded.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(doc, safeAnalyse(doc)) };
  });

  const context: ServerContext = { connection, documents, state, analyse: safeAnalyse, recheck: recheckAll };
  for (const feature of FEATURES) feature.register(context);

  connection.onExecuteCommand(async params => {
    const feature = FEATURES.find(f => f.commands?.includes(params.command));
    if (feature?.executeCommand) return feature.executeCommand(context, params.command, params.arguments ?? []);
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
