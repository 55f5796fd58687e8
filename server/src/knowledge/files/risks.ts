import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, num, obj, str } from '../schema';
import { phraseRuleSchema, type PhraseRule } from './phraseRules';
import { ruleHeaderFields, type RuleHeader } from './ruleHeader';

/** A date rule: the policy's most recent "last updated"/effective date must be recent. */
export interface StaleDateRule extends RuleHeader {
  /** Older than this many months before "today" is stale. */
  maxAgeMonths: number;
  /** Which dates count: the roles the model gives dates. */
  roles: string[];
  message: string;
  fixTitle: string;
}

export interface RisksKnowledge {
  phraseRules: PhraseRule[];
  staleDate: StaleDateRule;
}

export const risksFile: KnowledgeFile<RisksKnowledge> = {
  file: 'risks.yaml',
  schema: obj({
    phraseRules: arr(phraseRuleSchema, 1),
    staleDate: obj({
      ...ruleHeaderFields,
      maxAgeMonths: num,
      roles: arr(str(['effective', 'last-updated', 'other']), 1),
      message: str(),
      fixTitle: str(),
    }),
  }),
  check: k => duplicateIds([...k.phraseRules, k.staleDate], ['phraseRules']),
};
