import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, num, obj, optArr, optBool, optStr, regex, str, type Schema } from '../schema';
import { SEVERITIES } from './phraseRules';

interface ConflictHeader {
  id: string;
  title: string;
  explanation: string;
  citation?: string;
  url?: string;
  severity: string;
  /** On the anchor clause. */
  message: string;
  /** On each related clause. */
  relatedMessage: string;
}

/** A denial statement against affirmed statements (or described practices), compared through the ontology. */
export interface StatementConflict extends ConflictHeader {
  denial: {
    actions: string[];
    /** The denial's sentence must contain these words (e.g. sell/share). */
    requireWords?: string;
    /** A denial whose sentence matches one of these is limited, not absolute. */
    qualifiers?: string[];
    /** Section topics in which a denial speaks for the whole policy (elsewhere it speaks for its own section). */
    scopeTopics?: string[];
  };
  affirmation: {
    /** Affirmed statements with one of these actions. */
    actions?: string[];
    /** Whether the denial's recipients must reach the affirmed recipients. */
    compareRecipients?: boolean;
    /** Or: practices described by concept rather than stated ("pixels used for retargeting"). */
    practices?: { concepts: string[]; trigger?: string; requires: { concepts: string[]; patterns: string[] } }[];
  };
  /** When the document matches one of these, a denial that does not mention sharing is consistent. */
  acknowledgedBy?: string[];
  /** Words that, before a concept in the same clause, deny it. */
  negation: string;
}

/** Two sides described by wording. */
export interface PhraseConflict extends ConflictHeader {
  /** A cheap test a sentence must pass before the sides' patterns run. */
  trigger?: string;
  /** `unless`: sentences matching these are not side A (a condition, a promise for the future). */
  sideA: { patterns: string[]; unless?: string[] };
  sideB: { patterns: string[] };
  /** Tested on the clause before a side-B match. */
  negatedBy?: string;
}

export interface ChildAgeRule extends ConflictHeader {
  audience: string;
  lawScoped: string[];
  impliedAges: { pattern: string; age: number }[];
  agePatterns: string[];
}

export interface RetentionRule extends ConflictHeader {
  retentionWords: string;
  events: { id: string; pattern: string }[];
}

export interface ConflictsKnowledge {
  /** Denial-like sentences that are not a statement of practice (a right to opt out, a link's name). */
  denialLookalikes: string[];
  statementConflicts: StatementConflict[];
  phraseConflicts: PhraseConflict[];
  consistency: { childAge: ChildAgeRule; retention: RetentionRule };
}

const header: Record<string, Schema> = {
  id: str(),
  title: str(),
  explanation: str(),
  citation: optStr(),
  url: optStr(),
  severity: str(SEVERITIES),
  message: str(),
  relatedMessage: str(),
  note: optStr(),
};

export const conflictsFile: KnowledgeFile<ConflictsKnowledge> = {
  file: 'conflicts.yaml',
  schema: obj({
    denialLookalikes: arr(regex),
    statementConflicts: arr(
      obj({
        ...header,
        denial: obj({ actions: arr(str(), 1), requireWords: { kind: 'regex', optional: true }, qualifiers: optArr(regex), scopeTopics: optArr(str()) }),
        affirmation: obj({
          actions: optArr(str()),
          compareRecipients: optBool,
          practices: optArr(obj({ concepts: arr(str(), 1), trigger: { kind: 'regex', optional: true }, requires: obj({ concepts: arr(str()), patterns: arr(regex) }) })),
        }),
        acknowledgedBy: optArr(regex),
        negation: regex,
      }),
    ),
    phraseConflicts: arr(obj({ ...header, trigger: { kind: 'regex', optional: true }, sideA: obj({ patterns: arr(regex, 1), unless: optArr(regex) }), sideB: obj({ patterns: arr(regex, 1) }), negatedBy: { kind: 'regex', optional: true } })),
    consistency: obj({
      childAge: obj({ ...header, audience: regex, lawScoped: arr(regex), impliedAges: arr(obj({ pattern: regex, age: num })), agePatterns: arr(regex) }),
      retention: obj({ ...header, retentionWords: regex, events: arr(obj({ id: str(), pattern: regex }), 1) }),
    }),
  }),
  check: k => duplicateIds([...k.statementConflicts, ...k.phraseConflicts, k.consistency.childAge, k.consistency.retention], ['statementConflicts']),
};
