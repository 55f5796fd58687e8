import type { EvidenceClause, StatementShape } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Sentence, Statement } from '../../model/types';
import { topicsOf } from '../sectionTopics';
import { candidatesOf, type CompiledClause, type SentenceCandidates } from './candidates';
import { compiledPattern, matchesAny, matchText, type CompiledPattern, type MatchText } from './patterns';

/** A sentence as evidence is judged: its normalised text, its statements, its section chain. */
export interface SentenceView {
  sentence: Sentence;
  text: MatchText;
  statements: Statement[];
}

const views = new WeakMap<PolicyDocument, SentenceView[]>();

/** The sentences of a document, prepared once per document for evidence matching. */
export function sentenceViews(doc: PolicyDocument): SentenceView[] {
  let list = views.get(doc);
  if (!list) {
    const bySentence = new Map<number, Statement[]>();
    for (const s of doc.statements) {
      const at = bySentence.get(s.sentence.index);
      if (at) at.push(s);
      else bySentence.set(s.sentence.index, [s]);
    }
    list = doc.sentences.map(sentence => ({ sentence, text: matchText(sentence.text), statements: bySentence.get(sentence.index) ?? [] }));
    views.set(doc, list);
  }
  return list;
}

/**
 * What is known of a document's sentences against each pattern: requirements
 * and conditions share many patterns, so each pattern is tested at most once
 * per sentence, and only on sentences holding one of its literals.
 */
class SentenceMatcher {
  /** By pattern id, per sentence: 0 not yet tested, 1 matches, 2 does not. */
  private readonly results: (Uint8Array | undefined)[] = [];

  constructor(
    readonly views: SentenceView[],
    readonly candidates: SentenceCandidates,
  ) {}

  matches(pattern: CompiledPattern, sentence: number): boolean {
    let known = this.results[pattern.id];
    if (!known) this.results[pattern.id] = known = new Uint8Array(this.views.length);
    if (known[sentence]) return known[sentence] === 1;
    const may = this.candidates.forPattern(pattern);
    const found = (!may || may[sentence] === 1) && pattern.re.test(this.views[sentence].text.text);
    known[sentence] = found ? 1 : 2;
    return found;
  }

  matchesAll(patterns: readonly CompiledPattern[], sentence: number): boolean {
    for (const p of patterns) if (!this.matches(p, sentence)) return false;
    return true;
  }

  matchesAny(patterns: readonly CompiledPattern[], sentence: number): boolean {
    for (const p of patterns) if (this.matches(p, sentence)) return true;
    return false;
  }
}

// Clauses come from the knowledge cache and live as long as the process: compile once.
const compiledClauses = new WeakMap<EvidenceClause, CompiledClause>();

function compileClause(clause: EvidenceClause): CompiledClause {
  let c = compiledClauses.get(clause);
  if (!c) {
    c = { all: clause.all?.map(compiledPattern), any: clause.any?.map(compiledPattern), not: clause.not?.map(compiledPattern) };
    compiledClauses.set(clause, c);
  }
  return c;
}

const matchers = new WeakMap<PolicyDocument, SentenceMatcher>();

function matcherOf(doc: PolicyDocument): SentenceMatcher {
  let m = matchers.get(doc);
  if (!m) {
    const views = sentenceViews(doc);
    matchers.set(doc, (m = new SentenceMatcher(views, candidatesOf(doc, () => views.map(v => v.text.lower)))));
  }
  return m;
}

/** True when the sentence (index `at` of the document's sentences) has every property the clause asks for. */
function clauseHolds(clause: EvidenceClause, patterns: CompiledClause, matcher: SentenceMatcher, at: number): boolean {
  const view = matcher.views[at];
  // Cheapest tests first: section topics are memoised per section.
  const section = view.sentence.section;
  if (clause.within && !inTopic(section, clause.within)) return false;
  if (clause.notWithin && excludedByTopic(section, clause.notWithin, clause.unlessWithin ?? [])) return false;
  if (clause.statement && !view.statements.some(s => statementFits(s, clause.statement!))) return false;
  if (patterns.all && !matcher.matchesAll(patterns.all, at)) return false;
  if (patterns.any && !matcher.matchesAny(patterns.any, at)) return false;
  if (patterns.not && matcher.matchesAny(patterns.not, at)) return false;
  if (clause.titled && !titled(section, clause.titled)) return false;
  return true;
}

/** The sentences that satisfy at least one of the clauses, in document order. */
export function matchingSentences(clauses: readonly EvidenceClause[], doc: PolicyDocument): SentenceView[] {
  const matcher = matcherOf(doc);
  const views = matcher.views;
  const found = new Uint8Array(views.length);
  for (const clause of clauses) {
    const patterns = compileClause(clause);
    const may = matcher.candidates.forClause(patterns);
    if (may) {
      for (let i = may.indexOf(1); i >= 0; i = may.indexOf(1, i + 1)) if (!found[i] && clauseHolds(clause, patterns, matcher, i)) found[i] = 1;
    } else {
      for (let i = 0; i < views.length; i++) if (!found[i] && clauseHolds(clause, patterns, matcher, i)) found[i] = 1;
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

function titled(section: Section | null, patterns: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) if (matchesAny(patterns, titleText(s))) return true;
  return false;
}

const titles = new WeakMap<Section, MatchText>();

function titleText(section: Section): MatchText {
  let t = titles.get(section);
  if (!t) titles.set(section, (t = matchText(section.title)));
  return t;
}

function statementFits(s: Statement, shape: StatementShape): boolean {
  if (shape.actor && !shape.actor.includes(s.actor)) return false;
  if (shape.action && !shape.action.includes(s.action)) return false;
  if (shape.negated !== undefined && s.negated !== shape.negated) return false;
  if (shape.requested && !(s.requested && shape.requested.includes(s.requested))) return false;
  if (shape.data && s.dataTypes.length === 0) return false;
  return true;
}
