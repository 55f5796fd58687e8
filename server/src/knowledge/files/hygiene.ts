import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, obj, optArr, optStr, regex, str } from '../schema';

/** A hygiene rule that flags text matching patterns (an existence rule, in Vale's terms). */
export interface PatternRule {
  id: string;
  title: string;
  explanation: string;
  severity: string;
  message: string;
  patterns: string[];
  /** Matches of these are never flagged (e.g. a bracketed citation). */
  ignore?: string[];
}

export interface HygieneKnowledge {
  patternRules: PatternRule[];
}

export const hygieneFile: KnowledgeFile<HygieneKnowledge> = {
  file: 'hygiene.yaml',
  schema: obj({
    patternRules: arr(
      obj({
        id: str(),
        title: str(),
        explanation: str(),
        severity: str(['error', 'warning', 'info', 'hint']),
        message: str(),
        patterns: arr(regex, 1),
        ignore: optArr(regex),
        note: optStr(),
      }),
    ),
  }),
  check: k => duplicateIds(k.patternRules, ['patternRules']),
};
