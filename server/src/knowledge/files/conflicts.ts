import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, num, obj, optArr, optBool, optObj, regex, str, type Schema } from '../schema';
import { ruleHeaderFields, type RuleHeader } from './ruleHeader';

interface ConflictHeader extends RuleHeader {
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
    /** Or: affirmed statements of a given shape ("we share usage data with advertising networks"). */
    statements?: StatementPractice[];
  };
  /** When the document matches one of these, a denial that does not mention sharing is consistent. */
  acknowledgedBy?: string[];
  /** Words that, before a concept in the same clause, deny it. */
  negation: string;
}

/**
 * An affirmed statement that amounts to the practice: one of `actions`, by one
 * of `actors`, not negated, on personal data under one of `data`, and either
 * to a recipient under one of `recipients` or for a purpose under one of
 * `purposes`; `requires` then asks for more (a recipient under one of its
 * concepts, or words of the sentence). Every list given must be met.
 */
export interface StatementPractice {
  actions: string[];
  /** `we` includes agentless passives ("your data may be shared"). */
  actors: string[];
  data: string[];
  recipients?: string[];
  purposes?: string[];
  requires?: { recipients: string[]; patterns: string[] };
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
  ...ruleHeaderFields,
  message: str(),
  relatedMessage: str(),
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
          statements: optArr(
            obj({
              actions: arr(str(), 1),
              actors: arr(str(['we', 'third-party', 'user', 'unknown']), 1),
              data: arr(str(), 1),
              recipients: optArr(str()),
              purposes: optArr(str()),
              requires: optObj({ recipients: arr(str()), patterns: arr(regex) }),
            }),
          ),
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
  check: k => [
    ...duplicateIds([...k.statementConflicts, ...k.phraseConflicts, k.consistency.childAge, k.consistency.retention], ['statementConflicts']),
    // Without recipients or purposes a shape would take every disclosure of personal data for the practice.
    ...k.statementConflicts.flatMap((r, i) =>
      (r.affirmation.statements ?? []).flatMap((p, j) =>
        p.recipients?.length || p.purposes?.length ? [] : [{ path: ['statementConflicts', i, 'affirmation', 'statements', j], message: 'needs `recipients` or `purposes`' }],
      ),
    ),
  ],
};
