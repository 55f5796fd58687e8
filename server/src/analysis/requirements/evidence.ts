import type { EvidenceClause, StatementShape } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Sentence, Statement } from '../../model/types';
import { topicsOf } from '../sectionTopics';
import { candidatesOf } from './candidates';
import { matchesAll, matchesAny, matchText, type MatchText } from './patterns';

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

/** True when the sentence has every property the clause asks for. */
export function clauseHolds(clause: EvidenceClause, view: SentenceView): boolean {
  // Cheapest tests first: section topics are memoised per section.
  const section = view.sentence.section;
  if (clause.within && !inTopic(section, clause.within)) return false;
  if (clause.notWithin && excludedByTopic(section, clause.notWithin, clause.unlessWithin ?? [])) return false;
  if (clause.statement && !view.statements.some(s => statementFits(s, clause.statement!))) return false;
  const text = view.text;
  if (clause.all && !matchesAll(clause.all, text)) return false;
  if (clause.any && !matchesAny(clause.any, text)) return false;
  if (clause.not && matchesAny(clause.not, text)) return false;
  if (clause.titled && !titled(section, clause.titled)) return false;
  return true;
}

/** The sentences that satisfy at least one of the clauses, in document order. */
export function matchingSentences(clauses: readonly EvidenceClause[], doc: PolicyDocument): SentenceView[] {
  const views = sentenceViews(doc);
  const candidates = candidatesOf(doc, () => views.map(v => v.text.lower));
  const found = new Uint8Array(views.length);
  for (const clause of clauses) {
    const may = candidates.forClause(clause);
    for (let i = 0; i < views.length; i++) if (!found[i] && (!may || may[i]) && clauseHolds(clause, views[i])) found[i] = 1;
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
