import type { PolicyDocument, Range, Span } from '../model/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleKind = 'requirement' | 'conflict' | 'risk' | 'hygiene';
export type Jurisdiction = 'gdpr' | 'ccpa' | 'caloppa' | 'coppa';
export const JURISDICTIONS: readonly Jurisdiction[] = ['gdpr', 'ccpa', 'caloppa', 'coppa'];

/** A text edit on the original text; `span` is replaced by `newText`. */
export interface SpanEdit {
  span: Span;
  newText: string;
}

export interface SpanFix {
  title: string;
  edits: SpanEdit[];
  /** Safe fixes are applied by "fix all"; unsafe ones need a lawyer's choice. */
  safe: boolean;
}

/** What a check reports, located by offsets into the original text. */
export interface RawFinding {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  message: string;
  citation?: string;
  url?: string;
  span: Span;
  related?: { span: Span; message: string }[];
  fixes?: SpanFix[];
}

/** The public form (OUTPUT.md): LSP ranges, 0-based, UTF-16. */
export interface Finding {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  message: string;
  citation?: string;
  url?: string;
  range: Range;
  related: { range: Range; message: string }[];
  fixes: { title: string; safe: boolean; edits: { range: Range; newText: string }[] }[];
}

export type RequirementState = 'present' | 'missing' | 'not-applicable';

export interface RequirementStatus {
  id: string;
  status: RequirementState;
  evidence: { range: Range }[];
}

export interface Coverage {
  jurisdiction: Jurisdiction;
  present: number;
  /** Applicable requirements (present + missing). */
  applicable: number;
}

export type JurisdictionSource = 'option' | 'front-matter' | 'config' | 'detected' | 'default';

export interface AnalyzeOptions {
  /** Overrides front matter and config (the CLI's --jurisdictions). */
  jurisdictions?: readonly string[];
  /** From settings or .clausewise.yaml: used when the front matter declares none. */
  defaultJurisdictions?: readonly string[];
  /** Per-rule severity or 'off' (settings, config); front matter `rules:` wins. */
  rules?: Readonly<Record<string, string>>;
  /** "Today" for date checks, YYYY-MM-DD; defaults to the machine's date. */
  asOf?: string;
}

export interface AnalysisResult {
  jurisdictions: Jurisdiction[];
  jurisdictionSource: JurisdictionSource;
  findings: Finding[];
  requirements: RequirementStatus[];
  coverage: Coverage[];
  /** Internal: spans, for adapters that need the model (hover, symbols). */
  document: PolicyDocument;
  rawFindings: RawFinding[];
}
