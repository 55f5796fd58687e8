import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'path';
import { uriToPath } from './uri';
import { analyze, type AnalysisResult } from '../analysis';
import type { PolicyDocument } from '../model/types';
import { ConfigError, findConfigFile, readConfigFile, type ConfigFile } from '../config/configFile';
import { isPolicyDocument } from './policyFiles';
import type { ClausewiseSettings } from './settings';

/**
 * The part of a document's model the language features read between
 * analyses: its text, lines, front matter and outline. Sentences, statements
 * and facts stay behind — at 3 MB they weigh about 30 MB the server would
 * otherwise keep for as long as the document is open.
 */
export type DocumentOutline = Pick<PolicyDocument, 'text' | 'lines' | 'frontMatter' | 'title' | 'sections' | 'outline' | 'blocks' | 'format'>;

/** An analysis as the server keeps it: the findings with their fixes, the requirements, the outline. */
export type KeptAnalysis = Omit<AnalysisResult, 'document' | 'rawFindings'> & { document: DocumentOutline };

export function keptAnalysis(result: AnalysisResult): KeptAnalysis {
  const { text, lines, frontMatter, title, sections, outline, blocks, format } = result.document;
  return {
    jurisdictions: result.jurisdictions,
    jurisdictionSource: result.jurisdictionSource,
    findings: result.findings,
    requirements: result.requirements,
    coverage: result.coverage,
    document: { text, lines, frontMatter, title, sections, outline, blocks, format },
  };
}

export interface DocumentAnalysis {
  version: number;
  isPolicy: boolean;
  result: KeptAnalysis | null;
  configProblem?: string;
}

/**
 * The server's memory: the latest analysis of each open document, keyed by
 * URI and version, so that hover, code actions and diagnostics all read the
 * same result and nothing is analysed twice for one version.
 */
export class PolicyState {
  private readonly analyses = new Map<string, DocumentAnalysis>();
  private readonly forced = new Set<string>();
  private readonly configCache = new Map<string, ConfigFile | ConfigError | null>();

  constructor(private settingsFor: (uri: string) => ClausewiseSettings, private onRuleError: (ruleId: string, error: unknown) => void) {}

  force(uri: string) {
    this.forced.add(uri);
    this.analyses.delete(uri);
  }

  forget(uri: string) {
    this.analyses.delete(uri);
  }

  invalidateAll() {
    this.analyses.clear();
    this.configCache.clear();
  }

  cached(doc: TextDocument): DocumentAnalysis | undefined {
    const a = this.analyses.get(doc.uri);
    return a && a.version === doc.version ? a : undefined;
  }

  /** Latest analysis, even of an older version (for hovers during a burst of edits). */
  latest(uri: string): DocumentAnalysis | undefined {
    return this.analyses.get(uri);
  }

  analyse(doc: TextDocument, isCancelled?: () => boolean): DocumentAnalysis {
    const hit = this.cached(doc);
    if (hit) return hit;
    const settings = this.settingsFor(doc.uri);
    const text = doc.getText();
    const config = this.configFor(doc.uri);
    const isPolicy = settings.enable && isPolicyDocument(doc.uri, text, [...settings.files, ...(config instanceof ConfigError || !config ? [] : config.files ?? [])], this.forced.has(doc.uri));
    const entry: DocumentAnalysis = { version: doc.version, isPolicy, result: null };
    if (isPolicy) {
      const cfg = config instanceof ConfigError ? undefined : config ?? undefined;
      if (config instanceof ConfigError) entry.configProblem = config.message;
      entry.result = keptAnalysis(analyze(
        text,
        {
          defaultJurisdictions: settings.jurisdictions.length ? settings.jurisdictions : cfg?.jurisdictions,
          rules: { ...(cfg?.rules ?? {}), ...settings.rules },
          asOf: settings.asOf || cfg?.asOf,
        },
        { onRuleError: this.onRuleError, isCancelled },
      ));
    }
    if (!isCancelled?.()) this.analyses.set(doc.uri, entry);
    return entry;
  }

  private configFor(uri: string): ConfigFile | ConfigError | null {
    const file = uriToPath(uri);
    if (!file) return null;
    const dir = path.dirname(file);
    if (this.configCache.has(dir)) return this.configCache.get(dir)!;
    let value: ConfigFile | ConfigError | null = null;
    const found = findConfigFile(dir);
    if (found) {
      try {
        value = readConfigFile(found);
      } catch (e) {
        value = e instanceof ConfigError ? e : new ConfigError(String(e));
      }
    }
    this.configCache.set(dir, value);
    return value;
  }
}
