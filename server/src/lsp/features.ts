import type { Connection, InitializeParams, InitializeResult, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, PolicyState } from './policyState';
import { codeActionFeature } from './codeActions';
import { completionFeature } from './completion';
import { configWatchFeature } from './configWatch';
import { foldingFeature } from './folding';
import { hoverFeature } from './hover';
import { coverageReportFeature } from './report';
import { documentSymbolFeature } from './symbols';

/** What a language feature gets from the server: the connection, the documents and their analyses. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: PolicyState;
  /** The analysis of the document's current version (cached; analysed now if needed). */
  analyse(doc: TextDocument): DocumentAnalysis;
  /** Re-checks every open policy (after a settings change). */
  recheck(): void;
}

/** One LSP feature (hover, completion, code actions, symbols …) in its own module. */
export interface Feature {
  capabilities?(capabilities: InitializeResult['capabilities'], params: InitializeParams): void;
  register(context: ServerContext): void;
  /** Commands this feature executes (workspace/executeCommand). */
  commands?: string[];
  executeCommand?(context: ServerContext, command: string, args: unknown[]): unknown;
}

export const FEATURES: Feature[] = [codeActionFeature, hoverFeature, completionFeature, documentSymbolFeature, foldingFeature, coverageReportFeature, configWatchFeature];
