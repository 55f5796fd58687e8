import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import type { Schema } from '../schema';
import { arr, obj, optArr, optBool, optObj, optStr, record, str } from '../schema';

/**
 * One way a single sentence can prove a disclosure (or a condition). Every
 * field present must hold for the sentence; see requirements.yaml for the
 * full description of each field.
 */
export interface EvidenceClause {
  /** Patterns that must all occur in the sentence. */
  all?: string[];
  /** Patterns of which at least one must occur in the sentence. */
  any?: string[];
  /** Patterns that, when one occurs, disqualify the sentence for this clause. */
  not?: string[];
  /** The sentence's section (or an ancestor) must be about one of these topics. */
  within?: string[];
  /** The sentence must not sit in a section (or under an ancestor) about one of these topics… */
  notWithin?: string[];
  /** …unless that same section is also about one of these. */
  unlessWithin?: string[];
  /** The title of the sentence's section or of an ancestor must match one of these patterns. */
  titled?: string[];
  /** A statement of this shape must have been read from the sentence. */
  statement?: StatementShape;
}

export interface StatementShape {
  actor?: string[];
  action?: string[];
  /** The user right a request statement is about (the model's `requested`: delete, access, correct, port, object, …). */
  requested?: string[];
  negated?: boolean;
  /** The statement names at least one kind of personal data (an ontology `data/…` concept). */
  data?: boolean;
}

export interface EvidencePart {
  /** What this part proves, for messages ("a safeguard"). */
  name: string;
  evidence: EvidenceClause[];
}

/** A front matter declaration that settles a condition (or proves a disclosure). */
export interface Declaration {
  /** Dotted path in the `clausewise:` block, e.g. `controller.address`. */
  key: string;
  /** When given, the value must match; otherwise any non-empty value (or `true`) holds. */
  matches?: string;
  /** The condition does NOT hold when the declaration is present (e.g. `sells: false`). */
  negates?: boolean;
}

export interface Condition {
  id: string;
  description: string;
  declared?: Declaration[];
  /** Sentences that make the condition hold. */
  evidence?: EvidenceClause[];
  /** Sentences that settle the condition as NOT holding (checked after declarations and before evidence). */
  against?: EvidenceClause[];
  /** What to conclude when neither declarations nor sentences settle it (default: it does not hold). */
  assume?: boolean;
}

export interface Requirement {
  id: string;
  jurisdiction?: string;
  title: string;
  message: string;
  explanation: string;
  citation: string;
  url: string;
  severity: string;
  /** Severity when the condition is not known to hold but the disclosure is still worth a look (gdpr/dpo-contact). */
  severityWhenUnknown?: string;
  /** Message for that case. */
  messageWhenUnknown?: string;
  template: string;
  /** The section topic where the clause belongs. */
  topic: string;
  /** Further topics to place the finding under when no section has `topic`, in order. */
  placement?: string[];
  condition?: string;
  evidence: EvidenceClause[];
  /** Further parts that must each be proven too (e.g. the transfer AND its safeguard). */
  and?: EvidencePart[];
  /** Front matter declarations that prove the disclosure (a date the site renders). */
  declared?: Declaration[];
  /** Dates of these roles in the model's facts prove the disclosure. */
  dates?: string[];
  /**
   * A section about one of these topics that has a body proves the
   * disclosure by itself (a "Legal bases" section laid out as an HTML table,
   * from which the model reads no sentences).
   */
  sections?: string[];
  /** Other requirements that must be present for this one to be (controller identity needs contact details). */
  requires?: string[];
  /** A sentence matching this is shown as related text when the disclosure is missing. */
  nearMiss?: { any: string[]; message: string };
}

export interface RequirementsKnowledge {
  vocabulary: Record<string, string>;
  conditions: Condition[];
  requirements: Requirement[];
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const JURISDICTIONS = ['gdpr', 'ccpa', 'caloppa', 'coppa'];

const statementShape: Schema = optObj({ actor: optArr(str(['we', 'third-party', 'user', 'unknown'])), action: optArr(str()), requested: optArr(str()), negated: optBool, data: optBool });

// Patterns may use {word}s of the vocabulary, so they are validated as regular
// expressions only after expansion (in `check` below), not by the schema.
const pattern: Schema = str();

export const clauseSchema: Schema = obj({
  all: optArr(pattern),
  any: optArr(pattern),
  not: optArr(pattern),
  within: optArr(str()),
  notWithin: optArr(str()),
  unlessWithin: optArr(str()),
  titled: optArr(pattern),
  statement: statementShape,
  note: optStr(),
});

const declarationSchema: Schema = obj({ key: str(), matches: optStr(), negates: optBool });

export const requirementsFile: KnowledgeFile<RequirementsKnowledge> = {
  file: 'requirements.yaml',
  schema: obj({
    vocabulary: record(str()),
    conditions: arr(
      obj({
        id: str(),
        description: str(),
        declared: optArr(declarationSchema),
        evidence: optArr(clauseSchema),
        against: optArr(clauseSchema),
        assume: optBool,
      }),
    ),
    requirements: arr(
      obj({
        id: str(),
        jurisdiction: optStr(JURISDICTIONS),
        title: str(),
        message: str(),
        explanation: str(),
        citation: str(),
        url: str(),
        severity: str(SEVERITIES),
        severityWhenUnknown: optStr(SEVERITIES),
        messageWhenUnknown: optStr(),
        template: str(),
        topic: str(),
        placement: optArr(str()),
        condition: optStr(),
        evidence: arr(clauseSchema, 1),
        and: optArr(obj({ name: str(), evidence: arr(clauseSchema, 1) })),
        declared: optArr(declarationSchema),
        dates: optArr(str(['effective', 'last-updated', 'other'])),
        sections: optArr(str()),
        requires: optArr(str()),
        nearMiss: optObj({ any: arr(pattern, 1), message: str() }),
      }),
      1,
    ),
  }),
  check: k => {
    const errors = [...duplicateIds(k.requirements, ['requirements']), ...duplicateIds(k.conditions, ['conditions'])];
    const conditions = new Set(k.conditions.map(c => c.id));
    const ids = new Set(k.requirements.map(r => r.id));
    const clauses = (list: EvidenceClause[] | undefined, at: (string | number)[]) =>
      (list ?? []).forEach((c, i) => {
        if (!c.all?.length && !c.any?.length && !c.titled?.length && !c.statement) errors.push({ path: [...at, i], message: 'needs at least one of all, any, titled or statement' });
        for (const p of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ?? []), ...(c.titled ?? [])]) patternErrors(p, k.vocabulary).forEach(message => errors.push({ path: [...at, i], message }));
      });
    k.conditions.forEach((c, i) => {
      clauses(c.evidence, ['conditions', i, 'evidence']);
      clauses(c.against, ['conditions', i, 'against']);
    });
    k.requirements.forEach((r, i) => {
      const at = ['requirements', i];
      if (r.condition && !conditions.has(r.condition)) errors.push({ path: [...at, 'condition'], message: `names an unknown condition "${r.condition}"` });
      for (const other of r.requires ?? []) if (!ids.has(other)) errors.push({ path: [...at, 'requires'], message: `names an unknown requirement "${other}"` });
      const family = r.id.split('/')[0];
      if (family !== 'general' && r.jurisdiction !== family) errors.push({ path: [...at, 'jurisdiction'], message: `must be "${family}" for ${r.id}` });
      if (family === 'general' && r.jurisdiction) errors.push({ path: [...at, 'jurisdiction'], message: 'general/* requirements apply under every law and take no jurisdiction' });
      clauses(r.evidence, [...at, 'evidence']);
      for (const p of [...(r.nearMiss?.any ?? []), ...(r.declared ?? []).flatMap(d => (d.matches ? [d.matches] : []))]) patternErrors(p, k.vocabulary).forEach(message => errors.push({ path: at, message }));
      (r.and ?? []).forEach((p, j) => clauses(p.evidence, [...at, 'and', j, 'evidence']));
    });
    return errors;
  },
};

const WORD = /\{([a-z][a-z0-9-]*)\}/g;

/**
 * Replaces each `{word}` of the vocabulary by its definition, as a
 * non-capturing group (definitions may use other words). Regex quantifiers
 * such as `{0,40}` are not words and stay as written.
 */
export function expandVocabulary(source: string, vocabulary: Record<string, string>, depth = 0): string {
  if (depth > 8) throw new Error(`vocabulary words nest too deeply in "${source}"`);
  return source.replace(WORD, (whole, word: string) => {
    const definition = vocabulary[word];
    if (definition === undefined) throw new Error(`uses {${word}}, which the vocabulary does not define`);
    return `(?:${expandVocabulary(definition, vocabulary, depth + 1)})`;
  });
}

const CASE_SENSITIVE = '(?-i)';

/** Compiles a pattern of this file: case-insensitive unless it starts with `(?-i)`. */
export function compileRequirementPattern(source: string, vocabulary: Record<string, string>): RegExp {
  const sensitive = source.startsWith(CASE_SENSITIVE);
  return new RegExp(expandVocabulary(sensitive ? source.slice(CASE_SENSITIVE.length) : source, vocabulary), sensitive ? '' : 'i');
}

function patternErrors(source: string, vocabulary: Record<string, string>): string[] {
  try {
    compileRequirementPattern(source, vocabulary);
    return [];
  } catch (e) {
    return [`pattern "${source}" is not valid: ${(e as Error).message}`];
  }
}
