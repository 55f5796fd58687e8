import { pattern } from '../../knowledge/loader';
import type { StatementConflict, StatementPractice } from '../../knowledge/files/conflicts';
import { ontology } from '../../model/ontology';
import type { PolicyDocument, Section, Sentence, Span, Statement, TermMention } from '../../model/types';
import { withinTopic } from '../sectionTopics';
import type { CheckContext } from '../check';
import { clauseBefore, reportConflict, test } from './report';

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

interface Compiled {
  requireWords?: RegExp;
  qualifiers: RegExp[];
  acknowledgedBy: RegExp[];
  negation: RegExp;
  practices: { concepts: string[]; trigger?: RegExp; requiredConcepts: string[]; requiredWords: RegExp[] }[];
  statements: { shape: StatementPractice; requiredWords: RegExp[] }[];
}

const compiledRules = new WeakMap<StatementConflict, Compiled>();

function compile(rule: StatementConflict): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    c = {
      requireWords: rule.denial.requireWords ? pattern(rule.denial.requireWords) : undefined,
      qualifiers: (rule.denial.qualifiers ?? []).map(pattern),
      acknowledgedBy: (rule.acknowledgedBy ?? []).map(pattern),
      negation: pattern(rule.negation),
      practices: (rule.affirmation.practices ?? []).map(p => ({ concepts: p.concepts, trigger: p.trigger ? pattern(p.trigger) : undefined, requiredConcepts: p.requires.concepts, requiredWords: p.requires.patterns.map(pattern) })),
      statements: (rule.affirmation.statements ?? []).map(shape => ({ shape, requiredWords: (shape.requires?.patterns ?? []).map(pattern) })),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

const GENERIC_PERSONAL = 'data/personal-information';

let lookalikeCache: { sources: readonly string[]; res: RegExp[] } | undefined;

function lookalikePatterns(sources: readonly string[]): RegExp[] {
  if (lookalikeCache?.sources !== sources) lookalikeCache = { sources, res: sources.map(pattern) };
  return lookalikeCache.res;
}

export function runStatementConflict(ctx: CheckContext, rule: StatementConflict, lookalikes: readonly string[]): void {
  const doc = ctx.doc;
  const c = compile(rule);
  const notDenials = lookalikePatterns(lookalikes);
  const denials = denialsOf(doc, rule, c).filter(d => !notDenials.some(re => test(re, d.sentence.text)));
  if (!denials.length) return;
  if (c.acknowledgedBy.some(re => test(re, doc.text))) {
    // The policy admits sharing for advertising: only a denial that names sharing still contradicts it.
    for (let i = denials.length - 1; i >= 0; i--) if (!/\bshar(?:e|ing)\b/i.test(denials[i].sentence.text)) denials.splice(i, 1);
  }
  const bySentence = new Map<Sentence, Statement>();
  for (const d of denials) if (!bySentence.has(d.sentence)) bySentence.set(d.sentence, d);

  for (const denial of bySentence.values()) {
    const others =
      rule.affirmation.practices || rule.affirmation.statements
        ? [...describedPractices(doc, rule, c).filter(p => !excepted(denial, p.concepts)), ...statedPractices(doc, c, denial)]
        : affirmationsAgainst(doc, rule, denial);
    const related = others.filter(o => o.sentence !== denial.sentence).sort((a, b) => a.span.start - b.span.start);
    if (!related.length) continue;
    const seen = new Set<Sentence>();
    const unique = related.filter(r => !seen.has(r.sentence) && seen.add(r.sentence));
    reportConflict(ctx, rule, denialSpan(denial), rule.message, unique.map(r => ({ span: r.span, message: rule.relatedMessage })));
  }
}

/** The words of the denial, from its verb to the end of its clause, within the sentence. */
function denialSpan(d: Statement): Span {
  const s = d.sentence.span;
  const start = Math.max(s.start, Math.min(d.actionSpan.start, s.end));
  return { start: Math.min(start, s.end), end: s.end };
}

function denialsOf(doc: PolicyDocument, rule: StatementConflict, c: Compiled): Statement[] {
  return doc.statements.filter(s => {
    if (!s.negated || !rule.denial.actions.includes(s.action)) return false;
    if (s.actor !== 'we' && s.actor !== 'unknown') return false;
    if (c.requireWords && !test(c.requireWords, s.sentence.text)) return false;
    if (c.qualifiers.some(re => test(re, s.sentence.text))) return false;
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
  const o = ontology();
  const actions = rule.affirmation.actions ?? [];
  const denied = denial.dataTypes.length ? denial.dataTypes.map(t => t.id) : [GENERIC_PERSONAL];
  const deniedTo = denial.recipients.map(t => t.id);
  const excepted = denial.exceptions.flatMap(e => e.terms.map(t => t.id));
  const global = speaksForPolicy(doc, denial.sentence.section, rule.denial.scopeTopics);
  const out: Place[] = [];
  for (const a of doc.statements) {
    if (a.negated || !actions.includes(a.action) || a.sentence === denial.sentence) continue;
    if (!global && a.sentence.section !== denial.sentence.section) continue;
    if (a.actor !== 'we' && a.actor !== 'unknown') continue;
    const data = a.dataTypes.map(t => t.id).filter(id => o.isPersonal(id));
    if (!data.some(x => denied.some(d => o.subsumes(d, x)))) continue;
    if (rule.affirmation.compareRecipients) {
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
function describedPractices(doc: PolicyDocument, rule: StatementConflict, c: Compiled): Place[] {
  let perDoc = practiceCache.get(doc);
  if (!perDoc) practiceCache.set(doc, (perDoc = new Map()));
  const cached = perDoc.get(rule);
  if (cached) return cached;
  const o = ontology();
  const out: Place[] = [];
  for (const sentence of doc.sentences) {
    const live = c.practices.filter(p => !p.trigger || test(p.trigger, sentence.text));
    if (!live.length) continue;
    const mentions = o.findMentions(doc.text, sentence.span.start, sentence.span.end);
    for (const practice of live) {
      const hit = mentions.find(m => practice.concepts.some(cid => o.subsumes(cid, m.id)) && !denied(doc, sentence, m, c));
      if (!hit) continue;
      const { start, end } = sentence.block.span;
      const block = doc.text.slice(start, end);
      const blockMentions = o.findMentions(doc.text, start, end);
      // "We never give this data to third parties" shows no third party.
      const shown =
        blockMentions.some(m => m.span.start !== hit.span.start && practice.requiredConcepts.some(cid => o.subsumes(cid, m.id)) && !deniedAt(block, m.span.start - start, c)) ||
        practice.requiredWords.some(re => [...block.matchAll(re)].some(m => !deniedAt(block, m.index!, c)));
      if (!shown) continue;
      out.push({ sentence, span: hit.span, concepts: [hit.id, ...mentions.filter(m => m.id.startsWith('entity/')).map(m => m.id)] });
      break;
    }
  }
  perDoc.set(rule, out);
  return out;
}

/** "We do not use your data for targeted advertising": the concept is denied in its own clause. */
function denied(doc: PolicyDocument, sentence: Sentence, m: TermMention, c: Compiled): boolean {
  return deniedAt(doc.text.slice(sentence.span.start, m.span.end), m.span.start - sentence.span.start, c);
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
function statedPractices(doc: PolicyDocument, c: Compiled, denial: Statement): Place[] {
  if (!c.statements.length) return [];
  const o = ontology();
  const denied = denial.dataTypes.length ? denial.dataTypes.map(t => t.id) : [GENERIC_PERSONAL];
  const deniedTo = denial.recipients.map(t => t.id);
  const out: Place[] = [];
  for (const a of doc.statements) {
    if (a.negated || a.sentence === denial.sentence) continue;
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
