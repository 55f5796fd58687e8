import { pattern } from '../../knowledge/loader';
import type { StatementConflict, StatementPractice } from '../../knowledge/files/conflicts';
import { ontology } from '../../model/ontology';
import type { PolicyDocument, Section, Sentence, Span, Statement, TermMention } from '../../model/types';
import { withinTopic } from '../sectionTopics';
import type { CheckContext } from '../check';
import { documentLiterals, filteredPattern, PatternGroup, textPattern, type DocumentLiterals, type FilteredPattern } from '../phrases/literalFilter';
import { newResultSlot, resultIn, sentenceRecords } from '../phrases/sentenceResults';
import { SentenceMemo } from '../../model/sentenceMemo';
import { clauseBefore, MAX_RELATED, reportConflict, test } from './report';

/**
 * A denial ("we do not share / sell / collect …") against what the policy
 * says elsewhere. The denial must cover the affirmed data (the ontology's
 * subsumption: "personal information" covers "email address") and reach the
 * affirmed recipient (overlap: "third parties" reaches "advertising
 * networks" but not "service providers"); its exceptions are honoured, and a
 * denial limited by consent, purpose or manner is not treated as absolute.
 *
 * A rule may instead name the practice that contradicts the denial: described
 * by concepts ("pixels used for retargeting") or stated in a statement of a
 * given shape ("we share usage data with advertising networks").
 */

// Patterns tested on sentences or on the whole text are filtered by the words
// their matches need (phrases/literalFilter.ts).
interface Compiled {
  /** Where the practices a sentence describes are remembered (phrases/sentenceResults.ts). */
  practiceSlot: number;
  /** Where whether a sentence's words leave its denial standing (requireWords, qualifiers) is remembered. */
  denialWordsSlot: number;
  requireWords?: FilteredPattern;
  qualifiers: FilteredPattern[];
  acknowledgedBy: FilteredPattern[];
  negation: RegExp;
  practices: { concepts: string[]; trigger?: FilteredPattern; requiredConcepts: string[]; requiredWords: RegExp[] }[];
  /** The triggers of the practices: a sentence none may match describes none (null when a practice has no trigger). */
  anyPractice: PatternGroup | null;
  statements: { shape: StatementPractice; requiredWords: RegExp[] }[];
}

const compiledRules = new WeakMap<StatementConflict, Compiled>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compileStatementConflict(rule: StatementConflict): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    const filtered = (source: string) => filteredPattern(pattern(source));
    c = {
      practiceSlot: newResultSlot(),
      denialWordsSlot: newResultSlot(),
      requireWords: rule.denial.requireWords ? filtered(rule.denial.requireWords) : undefined,
      qualifiers: (rule.denial.qualifiers ?? []).map(filtered),
      acknowledgedBy: (rule.acknowledgedBy ?? []).map(source => textPattern(pattern(source))),
      negation: pattern(rule.negation),
      practices: (rule.affirmation.practices ?? []).map(p => ({ concepts: p.concepts, trigger: p.trigger ? filtered(p.trigger) : undefined, requiredConcepts: p.requires.concepts, requiredWords: p.requires.patterns.map(pattern) })),
      statements: (rule.affirmation.statements ?? []).map(shape => ({ shape, requiredWords: (shape.requires?.patterns ?? []).map(pattern) })),
      anyPractice: null,
    };
    const triggers = c.practices.map(p => p.trigger);
    if (triggers.every(t => t !== undefined)) c.anyPractice = new PatternGroup(triggers as FilteredPattern[]);
    compiledRules.set(rule, c);
  }
  return c;
}

const GENERIC_PERSONAL = 'data/personal-information';

let lookalikeCache: { sources: readonly string[]; res: FilteredPattern[]; slot: number } | undefined;

/** The denial look-alikes compiled once per process (also before the first literal scan). */
export function lookalikePatterns(sources: readonly string[]): FilteredPattern[] {
  return lookalikes(sources).res;
}

/** The look-alikes with the slot where whether a sentence is one is remembered. */
function lookalikes(sources: readonly string[]): { res: FilteredPattern[]; slot: number } {
  if (lookalikeCache?.sources !== sources) lookalikeCache = { sources, res: sources.map(s => filteredPattern(pattern(s))), slot: newResultSlot() };
  return lookalikeCache;
}

export function runStatementConflict(ctx: CheckContext, rule: StatementConflict, lookalikeSources: readonly string[]): void {
  const doc = ctx.doc;
  const c = compileStatementConflict(rule);
  const notDenials = lookalikes(lookalikeSources);
  const lits = documentLiterals(doc);
  const records = sentenceRecords(doc);
  const denials = denialsOf(doc, rule, c, lits).filter(
    d => !resultIn(records, d.sentence, notDenials.slot, text => notDenials.res.some(p => p.testSentence(text, lits, d.sentence.index))),
  );
  if (!denials.length) return;
  if (c.acknowledgedBy.some(p => p.testText(lits))) {
    // The policy admits sharing for advertising: only a denial that names sharing still contradicts it.
    for (let i = denials.length - 1; i >= 0; i--) if (!/\bshar(?:e|ing)\b/i.test(denials[i].sentence.text)) denials.splice(i, 1);
  }
  const bySentence = new Map<Sentence, Statement>();
  for (const d of denials) if (!bySentence.has(d.sentence)) bySentence.set(d.sentence, d);

  for (const denial of bySentence.values()) {
    // In text order, the denial's own sentence among them; one place per sentence is named.
    const others = rule.affirmation.practices || rule.affirmation.statements ? practicesAgainst(doc, rule, c, lits, denial) : affirmationsAgainst(doc, rule, denial);
    const unique: Place[] = [];
    const seen = new Set<Sentence>();
    for (const o of others) {
      if (o.sentence === denial.sentence || seen.has(o.sentence)) continue;
      seen.add(o.sentence);
      unique.push(o);
      // A finding names at most MAX_RELATED of them (reportConflict).
      if (unique.length === MAX_RELATED) break;
    }
    if (!unique.length) continue;
    reportConflict(ctx, rule, denialSpan(denial), rule.message, unique.map(r => ({ span: r.span, message: rule.relatedMessage })));
  }
}

/** The words of the denial, from its verb to the end of its clause, within the sentence. */
function denialSpan(d: Statement): Span {
  const s = d.sentence.span;
  const start = Math.max(s.start, Math.min(d.actionSpan.start, s.end));
  return { start: Math.min(start, s.end), end: s.end };
}

function denialsOf(doc: PolicyDocument, rule: StatementConflict, c: Compiled, lits: DocumentLiterals): Statement[] {
  const records = sentenceRecords(doc);
  const wordsAllow = (text: string, sentence: number) =>
    (!c.requireWords || c.requireWords.testSentence(text, lits, sentence)) && !c.qualifiers.some(p => p.testSentence(text, lits, sentence));
  return doc.statements.filter(s => {
    if (!s.negated || !rule.denial.actions.includes(s.action)) return false;
    if (s.actor !== 'we' && s.actor !== 'unknown') return false;
    if (!resultIn(records, s.sentence, c.denialWordsSlot, text => wordsAllow(text, s.sentence.index))) return false;
    // "except as described below", "unless required by law": an exception we cannot read limits the denial.
    if (s.exceptions.some(e => e.terms.length === 0)) return false;
    return true;
  });
}

interface Place {
  sentence: Sentence;
  span: Span;
  /** The concepts the place rests on, to test against the denial's exceptions. */
  concepts: string[];
}

/** "We do not sell … except to our advertising partners": the place rests on a concept the exception names. */
function excepted(denial: Statement, concepts: string[]): boolean {
  const o = ontology();
  return denial.exceptions.some(e => e.terms.some(t => concepts.some(id => o.overlaps(t.id, id))));
}

/** Affirmed statements whose data the denial covers and whose recipients it reaches, less its exceptions. */
function affirmationsAgainst(doc: PolicyDocument, rule: StatementConflict, denial: Statement): Place[] {
  const actions = rule.affirmation.actions ?? [];
  const denied = denial.dataTypes.length ? denial.dataTypes.map(t => t.id) : [GENERIC_PERSONAL];
  const deniedTo = denial.recipients.map(t => t.id);
  const excepted = denial.exceptions.flatMap(e => e.terms.map(t => t.id));
  const global = speaksForPolicy(doc, denial.sentence.section, rule.denial.scopeTopics);
  // Denials alike (the same data, recipients, exceptions and reach) meet the
  // same affirmations (in text order; each denial skips its own sentence): a
  // long policy repeats its denials, and each would otherwise read every
  // statement again.
  const key = JSON.stringify([denied, deniedTo, excepted, global ? -1 : denial.sentence.section!.index]);
  return sharedPlaces(affirmationCache, doc, rule, key, () =>
    affirmationsOf(doc, actions, denied, deniedTo, excepted, global ? null : denial.sentence.section, rule.affirmation.compareRecipients),
  );
}

const affirmationCache: PlaceCache<StatementConflict> = new WeakMap();

/** Places kept per document, per rule and per what a denial covers. */
type PlaceCache<R extends object> = WeakMap<PolicyDocument, Map<R, Map<string, Place[]>>>;

/** The places `compute` finds, in text order, computed once per document, rule and key. */
function sharedPlaces<R extends object>(cache: PlaceCache<R>, doc: PolicyDocument, rule: R, key: string, compute: () => Place[]): Place[] {
  let perDoc = cache.get(doc);
  if (!perDoc) cache.set(doc, (perDoc = new Map()));
  let perRule = perDoc.get(rule);
  if (!perRule) perDoc.set(rule, (perRule = new Map()));
  let places = perRule.get(key);
  if (!places) perRule.set(key, (places = compute().sort((a, b) => a.span.start - b.span.start)));
  return places;
}

/** Affirmed statements of the actions about data the denial covers (within `section` unless null), to recipients it reaches. */
function affirmationsOf(doc: PolicyDocument, actions: string[], denied: string[], deniedTo: string[], excepted: string[], section: Section | null, compareRecipients: boolean | undefined): Place[] {
  const o = ontology();
  const out: Place[] = [];
  for (const a of doc.statements) {
    if (a.negated || !actions.includes(a.action)) continue;
    if (section && a.sentence.section !== section) continue;
    if (a.actor !== 'we' && a.actor !== 'unknown') continue;
    const data = a.dataTypes.map(t => t.id).filter(id => o.isPersonal(id));
    if (!data.some(x => denied.some(d => o.subsumes(d, x)))) continue;
    if (compareRecipients) {
      const to = a.recipients.map(t => t.id).filter(r => !excepted.some(e => o.subsumes(e, r) || o.subsumes(r, e)));
      if (!to.length) continue;
      if (deniedTo.length && !to.some(r => deniedTo.some(d => o.overlaps(d, r)))) continue;
    }
    out.push({ sentence: a.sentence, span: spanOf(a, a.recipients.length ? a.recipients : a.dataTypes), concepts: [] });
  }
  return out;
}

/** Outside any section, under the document's title, or in a section about one of the topics. */
function speaksForPolicy(doc: PolicyDocument, section: Section | null, topics: string[] | undefined): boolean {
  if (!topics || !section) return true;
  const titleSection = doc.outline.length === 1 && section === doc.outline[0];
  return titleSection || topics.some(t => withinTopic(section, t));
}

function spanOf(a: Statement, mentions: TermMention[]): Span {
  const ends = [a.actionSpan, ...mentions.map(m => m.span)];
  return { start: Math.min(...ends.map(e => e.start)), end: Math.max(...ends.map(e => e.end)) };
}

const practiceCache = new WeakMap<PolicyDocument, Map<StatementConflict, Place[]>>();

/**
 * Sentences that describe a practice by its concepts rather than in a "we
 * share" statement ("pixels used for retargeting"), not denied in their own
 * clause, and cross-context when the rule requires it.
 */
function describedPractices(doc: PolicyDocument, rule: StatementConflict, c: Compiled, lits: DocumentLiterals): Place[] {
  let perDoc = practiceCache.get(doc);
  if (!perDoc) practiceCache.set(doc, (perDoc = new Map()));
  const cached = perDoc.get(rule);
  if (cached) return cached;
  const o = ontology();
  const out: Place[] = [];
  const records = sentenceRecords(doc);
  const candidates = c.anyPractice ? lits.sentencesFor(c.anyPractice) : doc.sentences.map(s => s.index);
  for (const index of candidates) {
    const sentence = doc.sentences[index];
    const described = resultIn(records, sentence, c.practiceSlot, text => practicesIn(c, text, lits, index));
    for (const { practice, hit, concepts } of described) {
      const hitSpan = { start: sentence.span.start + hit.start, end: sentence.span.start + hit.end };
      const { start, end } = sentence.block.span;
      const block = doc.text.slice(start, end);
      const blockMentions = mentionsOfBlock(block);
      // "We never give this data to third parties" shows no third party (mentions are relative to the block).
      const shown =
        blockMentions.some(m => m.span.start !== hitSpan.start - start && practice.requiredConcepts.some(cid => o.subsumes(cid, m.id)) && !deniedAt(block, m.span.start, c)) ||
        practice.requiredWords.some(re => [...block.matchAll(re)].some(m => !deniedAt(block, m.index!, c)));
      if (!shown) continue;
      out.push({ sentence, span: hitSpan, concepts });
      break;
    }
  }
  perDoc.set(rule, out);
  return out;
}

// Paragraphs that describe a practice are read for the rest of it in every
// analysis: their mentions are kept by their text (relative to its start).
const blockMentionMemo = new SentenceMemo<TermMention[]>(2000, 2_000_000);

function mentionsOfBlock(block: string): TermMention[] {
  let mentions = blockMentionMemo.get(block);
  if (!mentions) blockMentionMemo.set(block, (mentions = ontology().findMentions(block)));
  return mentions;
}

/** A practice a sentence describes: its first mention of the practice's concepts, relative to the sentence's start. */
interface DescribedPractice {
  practice: Compiled['practices'][number];
  hit: { start: number; end: number };
  /** The concept of the hit and the entities the sentence names. */
  concepts: string[];
}

/**
 * The practices whose trigger the sentence's text passes, each with the first
 * mention of its concepts not denied in its own clause (in the order of the
 * practices): what the sentence alone tells, before its paragraph is read.
 */
function practicesIn(c: Compiled, text: string, lits: DocumentLiterals, sentence: number): DescribedPractice[] {
  const live = c.practices.filter(p => !p.trigger || p.trigger.testSentence(text, lits, sentence));
  if (!live.length) return [];
  const o = ontology();
  const mentions = o.findMentions(text);
  const out: DescribedPractice[] = [];
  for (const practice of live) {
    const hit = mentions.find(m => practice.concepts.some(cid => o.subsumes(cid, m.id)) && !denied(text, m, c));
    if (!hit) continue;
    out.push({ practice, hit: { start: hit.span.start, end: hit.span.end }, concepts: [hit.id, ...mentions.filter(m => m.id.startsWith('entity/')).map(m => m.id)] });
  }
  return out;
}

/** "We do not use your data for targeted advertising": the concept is denied in its own clause (`m` relative to the sentence's text). */
function denied(text: string, m: TermMention, c: Compiled): boolean {
  return deniedAt(text.slice(0, m.span.end), m.span.start, c);
}

/** Whether the clause of `text` that leads up to `at` denies what stands there. */
function deniedAt(text: string, at: number, c: Compiled): boolean {
  return test(c.negation, clauseBefore(text, at));
}

/**
 * Affirmed statements of one of the rule's shapes ("we share usage data with
 * advertising networks") whose personal data the denial covers, to recipients
 * it reaches and its exceptions do not name.
 */
function practicesAgainst(doc: PolicyDocument, rule: StatementConflict, c: Compiled, lits: DocumentLiterals, denial: Statement): Place[] {
  const denied = denial.dataTypes.length ? denial.dataTypes.map(t => t.id) : [GENERIC_PERSONAL];
  const deniedTo = denial.recipients.map(t => t.id);
  // A policy repeats its denials ("we do not sell …" in several sections): the
  // places depend only on what the denial covers and excepts, so denials
  // alike share them, sorted once (each denial then skips its own sentence).
  const key = JSON.stringify([denied, deniedTo, denial.exceptions.map(e => e.terms.map(t => t.id))]);
  return sharedPlaces(statedCache, doc, c, key, () => {
    const stated = c.statements.length ? statedPracticesOf(doc, c, denial, denied, deniedTo) : [];
    return [...describedPractices(doc, rule, c, lits).filter(p => !excepted(denial, p.concepts)), ...stated];
  });
}

const statedCache: PlaceCache<Compiled> = new WeakMap();

function statedPracticesOf(doc: PolicyDocument, c: Compiled, denial: Statement, denied: string[], deniedTo: string[]): Place[] {
  const o = ontology();
  const out: Place[] = [];
  for (const a of doc.statements) {
    if (a.negated) continue;
    const data = a.dataTypes.filter(t => o.isPersonal(t.id) && denied.some(d => o.subsumes(d, t.id)));
    if (!data.length) continue;
    const to = a.recipients.filter(r => !excepted(denial, [r.id]));
    // Every recipient is one the denial excepts: this disclosure is the exception, whatever its purpose.
    if (a.recipients.length && !to.length) continue;
    if (deniedTo.length && !to.some(r => deniedTo.some(d => o.overlaps(d, r.id)))) continue;
    for (const { shape, requiredWords } of c.statements) {
      const place = asShape(doc, a, shape, requiredWords, data, to, denial);
      if (place) {
        out.push(place);
        break;
      }
    }
  }
  return out;
}

function asShape(doc: PolicyDocument, a: Statement, shape: StatementPractice, requiredWords: RegExp[], data: TermMention[], to: TermMention[], denial: Statement): Place | null {
  const o = ontology();
  if (!shape.actions.includes(a.action) || !shape.actors.includes(a.actor)) return null;
  const shapeData = data.filter(t => shape.data.some(d => o.subsumes(d, t.id)));
  if (!shapeData.length) return null;
  const recipients = shape.recipients ? to.filter(r => shape.recipients!.some(x => o.subsumes(x, r.id))) : [];
  if (shape.recipients && !recipients.length) return null;
  const purposes = shape.purposes ? (a.purposes ?? []).filter(p => shape.purposes!.some(x => o.subsumes(x, p.id)) && !excepted(denial, [p.id])) : [];
  if (shape.purposes && !purposes.length) return null;
  const spans: Span[] = [a.actionSpan, ...shapeData.map(m => m.span), ...recipients.map(m => m.span), ...purposes.map(m => m.span)];
  if (shape.requires) {
    const required = shape.requires.recipients;
    const thirdParties = to.filter(r => required.some(x => o.subsumes(x, r.id)));
    const words = thirdParties.length ? null : firstMatch(doc, a.sentence, requiredWords);
    if (!thirdParties.length && !words) return null;
    spans.push(...thirdParties.map(m => m.span), ...(words ? [words] : []));
  }
  return {
    sentence: a.sentence,
    span: { start: Math.min(...spans.map(x => x.start)), end: Math.max(...spans.map(x => x.end)) },
    concepts: [...recipients, ...purposes].map(m => m.id),
  };
}

/** Where the first of the patterns matches in the sentence, as a span of the original text. */
function firstMatch(doc: PolicyDocument, sentence: Sentence, res: RegExp[]): Span | null {
  const text = doc.text.slice(sentence.span.start, sentence.span.end);
  for (const re of res) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) return { start: sentence.span.start + m.index, end: sentence.span.start + m.index + m[0].length };
  }
  return null;
}
