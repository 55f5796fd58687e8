// The shape shared by every rule that flags wording (Vale's "existence" and
// "substitution" types): risks.yaml and hygiene.yaml both use it.
import { arr, bool, obj, optArr, optNum, optStr, regex, str, type Schema } from '../schema';

import { ruleHeaderFields, type RuleHeader } from './ruleHeader';

import { SEVERITIES } from './ruleHeader';

/** Replaces the words a pattern matches with better wording (a quick fix). */
export interface Substitution {
  /** Shown as the quick-fix title. */
  title: string;
  /** Matched inside the flagged sentence; the edit replaces exactly this match. */
  pattern: string;
  /** `$1` … refer to groups of `pattern`. Capitalised like the replaced text. */
  replacement: string;
  /** True only when applying it needs no lawyer's choice. */
  safe: boolean;
}

/** One way a rule can fire, with its own message (and severity, if it differs). */
export interface PhraseCase {
  message: string;
  severity?: string;
  patterns: string[];
}

export interface PhraseRule extends RuleHeader {
  /**
   * match: one finding per match; sentence: one per sentence;
   * passage: one per run of nearby sentences (a Privacy Shield passage).
   */
  grouping: 'match' | 'sentence' | 'passage';
  /** A cheap test a sentence must pass before the patterns run (speed only: it must not change results). */
  trigger?: string;
  /** For passages: how many sentences without a match may sit inside one passage. */
  passageGap?: number;
  cases: PhraseCase[];
  /** A sentence matching one of these is not flagged (history, a denial, a disclaimer). */
  unless?: string[];
  /** Checked against the words of the clause just before a match: a negation there cancels it. */
  negatedBy?: string[];
  substitutions?: Substitution[];
}

export const phraseRuleSchema: Schema = obj({
  ...ruleHeaderFields,
  grouping: str(['match', 'sentence', 'passage']),
  trigger: { kind: 'regex', optional: true },
  passageGap: optNum,
  cases: arr(obj({ message: str(), severity: optStr(SEVERITIES), patterns: arr(regex, 1) }), 1),
  unless: optArr(regex),
  negatedBy: optArr(regex),
  substitutions: optArr(obj({ title: str(), pattern: regex, replacement: str(), safe: bool })),
  note: optStr(),
});
