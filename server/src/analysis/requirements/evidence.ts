import type { EvidenceClause, StatementShape } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Sentence, Statement } from '../../model/types';
import { topicsOf } from '../sectionTopics';
import { FAILS, MATCHES, UNKNOWN, type PatternPrefilter } from './patternPrefilter';
import { compiledPattern, type CompiledPattern } from './patterns';
import { currentPrefilter, sentenceFacts, type SentenceFacts } from './sentenceFacts';

/** A sentence as evidence is judged: what is known of its text, its statements, its section chain. */
export interface SentenceView {
  sentence: Sentence;
  facts: SentenceFacts;
  statements: Statement[];
}

/** An evidence clause's text patterns, compiled. */
interface CompiledClause {
  all?: CompiledPattern[];
  any?: CompiledPattern[];
  not?: CompiledPattern[];
  titled?: CompiledPattern[];
}

/**
 * A document's sentences prepared for evidence: each pattern is tested at
 * most once per sentence text (results live with the sentence's facts,
 * shared with other documents and later versions), and a clause is judged
 * only on sentences that hold the literals of its patterns.
 */
class DocumentEvidence {
  readonly views: SentenceView[];
  /** By pattern id: the sentences that hold its literals, ascending (patterns with literals only). */
  private readonly possible: (Int32Array | undefined)[] = [];

  constructor(
    doc: PolicyDocument,
    readonly prefilter: PatternPrefilter,
  ) {
    const bySentence = new Map<number, Statement[]>();
    for (const s of doc.statements) {
      const at = bySentence.get(s.sentence.index);
      if (at) at.push(s);
      else bySentence.set(s.sentence.index, [s]);
    }
    this.views = doc.sentences.map(sentence => ({ sentence, facts: sentenceFacts(sentence.text), statements: bySentence.get(sentence.index) ?? [] }));
    const counts = new Int32Array(prefilter.covered);
    for (const v of this.views) for (const p of v.facts.possible) counts[p]++;
    for (let p = 0; p < counts.length; p++) if (counts[p]) this.possible[p] = new Int32Array(counts[p]);
    counts.fill(0);
    this.views.forEach((v, i) => {
      for (const p of v.facts.possible) this.possible[p]![counts[p]++] = i;
    });
  }

  matches(pattern: CompiledPattern, sentence: number): boolean {
    return factMatches(this.views[sentence].facts, pattern);
  }

  /** False when the literals already rule the pattern out for the sentence. */
  private mayMatch(pattern: CompiledPattern, sentence: number): boolean {
    const results = this.views[sentence].facts.results;
    return pattern.id >= results.length || results[pattern.id] !== FAILS;
  }

  matchesAll(patterns: readonly CompiledPattern[], sentence: number): boolean {
    for (const p of patterns) if (!this.mayMatch(p, sentence)) return false;
    for (const p of patterns) if (!this.matches(p, sentence)) return false;
    return true;
  }

  matchesAny(patterns: readonly CompiledPattern[], sentence: number): boolean {
    for (const p of patterns) if (this.mayMatch(p, sentence) && this.matches(p, sentence)) return true;
    return false;
  }

  /** By action: the sentences with a statement of that action, ascending (built on first use). */
  private byAction: Map<string, number[]> | undefined;
  private withStatements: number[] | undefined;

  /** Sentences with a statement that may fit the shape (by its action), ascending. */
  private statementCandidates(shape: StatementShape): ArrayLike<number> {
    if (!this.byAction) {
      this.byAction = new Map();
      this.withStatements = [];
      this.views.forEach((v, i) => {
        if (v.statements.length) this.withStatements!.push(i);
        for (const action of new Set(v.statements.map(s => s.action))) {
          const list = this.byAction!.get(action);
          if (list) list.push(i);
          else this.byAction!.set(action, [i]);
        }
      });
    }
    if (!shape.action) return this.withStatements!;
    const lists = shape.action.map(a => this.byAction!.get(a) ?? []);
    return lists.length === 1 ? lists[0] : this.union(lists);
  }

  /**
   * The sentences worth judging against a clause, ascending, or null for
   * every sentence: those that hold the literals of its `all` and `any`
   * patterns, or that have a statement of its shape, whichever are fewer.
   */
  candidates(clause: EvidenceClause, patterns: CompiledClause): ArrayLike<number> | null {
    const byStatement = clause.statement ? this.statementCandidates(clause.statement) : null;
    const byLiterals = this.literalCandidates(patterns);
    if (byStatement && byLiterals) return byStatement.length < byLiterals.length ? byStatement : byLiterals;
    return byStatement ?? byLiterals;
  }

  /** Sentences that hold the literals of the clause's `all` patterns (the narrowest) or `any` patterns, or null when they cannot tell. */
  private literalCandidates(clause: CompiledClause): ArrayLike<number> | null {
    let best: ArrayLike<number> | null = null;
    const listOf = (p: CompiledPattern) => this.possible[p.id] ?? NONE;
    for (const p of clause.all ?? []) {
      if (!this.prefilter.hasLiterals(p)) continue;
      const list = listOf(p);
      if (!best || list.length < best.length) best = list;
    }
    if (clause.any?.length && clause.any.every(p => this.prefilter.hasLiterals(p))) {
      const union = this.union(clause.any.map(listOf));
      if (!best || union.length < best.length) best = union;
    }
    return best;
  }

  private union(lists: ArrayLike<number>[]): ArrayLike<number> {
    if (lists.length === 1) return lists[0];
    const marked = new Uint8Array(this.views.length);
    let count = 0;
    for (const list of lists) {
      for (let k = 0; k < list.length; k++) {
        if (!marked[list[k]]) {
          marked[list[k]] = 1;
          count++;
        }
      }
    }
    const out = new Int32Array(count);
    for (let i = 0, k = 0; k < count; i++) if (marked[i]) out[k++] = i;
    return out;
  }
}

const NONE = new Int32Array(0);

/** Whether the pattern matches the text, tested at most once per text (the result is kept with its facts). */
function factMatches(facts: SentenceFacts, pattern: CompiledPattern): boolean {
  if (pattern.id >= facts.results.length) grow(facts, pattern.id + 1);
  const known = facts.results[pattern.id];
  if (known !== UNKNOWN) return known === MATCHES;
  const found = pattern.re.test(facts.text);
  facts.results[pattern.id] = found ? MATCHES : FAILS;
  return found;
}

function grow(facts: SentenceFacts, size: number) {
  const results = new Uint8Array(size);
  results.set(facts.results);
  facts.results = results;
}

// Clauses come from the knowledge cache and live as long as it: compile once.
const compiledClauses = new WeakMap<EvidenceClause, CompiledClause>();

function compileClause(clause: EvidenceClause): CompiledClause {
  let c = compiledClauses.get(clause);
  if (!c) {
    c = { all: clause.all?.map(compiledPattern), any: clause.any?.map(compiledPattern), not: clause.not?.map(compiledPattern), titled: clause.titled?.map(compiledPattern) };
    compiledClauses.set(clause, c);
  }
  return c;
}

const documents = new WeakMap<PolicyDocument, DocumentEvidence>();

function evidenceOf(doc: PolicyDocument): DocumentEvidence {
  const prefilter = currentPrefilter();
  let e = documents.get(doc);
  if (!e || e.prefilter !== prefilter) documents.set(doc, (e = new DocumentEvidence(doc, prefilter)));
  return e;
}

/** The sentences of a document, prepared once per document for evidence matching. */
export function sentenceViews(doc: PolicyDocument): SentenceView[] {
  return evidenceOf(doc).views;
}

/** What the clause asks of the sentence's section (its topics, its title): the same for every sentence of the section. */
function sectionAllows(clause: EvidenceClause, patterns: CompiledClause, section: Section | null): boolean {
  if (clause.within && !inTopic(section, clause.within)) return false;
  if (clause.notWithin && excludedByTopic(section, clause.notWithin, clause.unlessWithin ?? [])) return false;
  if (patterns.titled && !titled(section, patterns.titled)) return false;
  return true;
}

/** What the clause asks of the sentence itself (index `at` of the document's sentences): its statements and words. */
function sentenceHolds(clause: EvidenceClause, patterns: CompiledClause, evidence: DocumentEvidence, at: number): boolean {
  if (clause.statement && !evidence.views[at].statements.some(s => statementFits(s, clause.statement!))) return false;
  if (patterns.all && !evidence.matchesAll(patterns.all, at)) return false;
  if (patterns.any && !evidence.matchesAny(patterns.any, at)) return false;
  if (patterns.not && evidence.matchesAny(patterns.not, at)) return false;
  return true;
}

/** The sentences that satisfy at least one of the clauses, in document order. */
export function matchingSentences(clauses: readonly EvidenceClause[], doc: PolicyDocument): SentenceView[] {
  const evidence = evidenceOf(doc);
  const views = evidence.views;
  const found = new Uint8Array(views.length);
  for (const clause of clauses) {
    const patterns = compileClause(clause);
    const may = evidence.candidates(clause, patterns);
    const count = may ? may.length : views.length;
    // Sentences come in document order, section after section: judge each section once.
    let section: Section | null | undefined;
    let allowed = false;
    for (let k = 0; k < count; k++) {
      const i = may ? may[k] : k;
      if (found[i]) continue;
      if (views[i].sentence.section !== section) {
        section = views[i].sentence.section;
        allowed = sectionAllows(clause, patterns, section);
      }
      if (allowed && sentenceHolds(clause, patterns, evidence, i)) found[i] = 1;
    }
  }
  const out: SentenceView[] = [];
  for (let i = 0; i < views.length; i++) if (found[i]) out.push(views[i]);
  return out;
}

function inTopic(section: Section | null, topics: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) {
    const own = topicsOf(s);
    if (topics.some(t => own.includes(t))) return true;
  }
  return false;
}

function excludedByTopic(section: Section | null, topics: readonly string[], unless: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) {
    const own = topicsOf(s);
    if (unless.some(t => own.includes(t))) return false;
    if (topics.some(t => own.includes(t))) return true;
  }
  return false;
}

function titled(section: Section | null, patterns: readonly CompiledPattern[]): boolean {
  // A title is judged like a sentence, through the same memo: headings rarely change between versions.
  for (let s = section; s; s = s.parent) {
    const facts = sentenceFacts(s.title);
    for (const p of patterns) if (factMatches(facts, p)) return true;
  }
  return false;
}

function statementFits(s: Statement, shape: StatementShape): boolean {
  if (shape.actor && !shape.actor.includes(s.actor)) return false;
  if (shape.action && !shape.action.includes(s.action)) return false;
  if (shape.negated !== undefined && s.negated !== shape.negated) return false;
  if (shape.requested && !(s.requested && shape.requested.includes(s.requested))) return false;
  if (shape.data && s.dataTypes.length === 0) return false;
  return true;
}
