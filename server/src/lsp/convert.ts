import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../analysis';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A finding as an LSP diagnostic: rule id as code, the provision as its link. */
export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'clausewise',
    code: f.ruleId,
    message: f.citation ? `${f.message} (${f.citation})` : f.message,
  };
  if (f.url) d.codeDescription = { href: f.url };
  if (f.related.length) d.relatedInformation = f.related.map(r => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.ruleId === 'outdated/flash-cookies' || f.ruleId === 'outdated/privacy-shield') d.tags = [DiagnosticTag.Deprecated];
  return d;
}
