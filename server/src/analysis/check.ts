import type { PolicyDocument, Span } from '../model/types';
import type { Jurisdiction, RawFinding, RequirementState, RuleKind, Severity } from './types';

/** What the catalog says about a rule: shown in hovers, SARIF and the README. */
export interface RuleMeta {
  id: string;
  kind: RuleKind;
  /** One line: what the rule checks. */
  title: string;
  /** Plain-English explanation for the hover on a finding. */
  explanation: string;
  citation?: string;
  url?: string;
  severity: Severity;
  jurisdiction?: Jurisdiction;
}

export interface RequirementOutcome {
  id: string;
  status: RequirementState;
  evidence: Span[];
}

export interface CheckContext {
  doc: PolicyDocument;
  jurisdictions: readonly Jurisdiction[];
  /** "Today", as YYYY-MM-DD. */
  asOf: string;
  report(finding: RawFinding): void;
  /** Requirements checks record outcomes here; later checks may read them. */
  requirements: Map<string, RequirementOutcome>;
}

/**
 * A family of rules of one type (Vale's sense: existence, substitution,
 * consistency, conditional …), driven by its knowledge file.
 */
export interface Check {
  /** Name for logs, e.g. "requirements". */
  name: string;
  rules(): RuleMeta[];
  /** Runs one rule; the engine isolates each call so one failing rule cannot take others down. */
  run(ctx: CheckContext, ruleId: string): void;
  /** Runs before the rules of this check, once per document (optional shared work). */
  prepare?(ctx: CheckContext): void;
}
