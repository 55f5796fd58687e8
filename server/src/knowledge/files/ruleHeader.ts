// What every rule entry of a knowledge file says about itself — shown in
// hovers, the SARIF rule list and the README — written once for all files.
import { optStr, str, type Schema } from '../schema';

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

export interface RuleHeader {
  id: string;
  title: string;
  /** Plain English, 2–3 sentences, for the hover on a finding. */
  explanation: string;
  citation?: string;
  url?: string;
  severity: string;
}

/** Schema fields of a RuleHeader (and a free-text `note` for the file's readers). */
export const ruleHeaderFields: Record<string, Schema> = {
  id: str(),
  title: str(),
  explanation: str(),
  citation: optStr(),
  url: optStr(),
  severity: str(SEVERITIES),
  note: optStr(),
};
