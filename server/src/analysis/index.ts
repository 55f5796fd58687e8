// The engine's public surface: no LSP or VS Code types beyond plain ranges.
export { analyze, ruleCatalog, ruleMeta } from './engine';
export type { AnalysisResult, AnalyzeOptions, Finding, RequirementStatus, Coverage, Severity, RuleKind, Jurisdiction } from './types';
export type { RuleMeta } from './check';
