import { loadKnowledge, pattern } from '../../knowledge/loader';
import type { BrokenReferenceRule } from '../../knowledge/files/hygiene';
import { sectionTopicsFile } from '../../knowledge/files/sectionTopics';
import type { CrossReference, PolicyDocument, Section, Span } from '../../model/types';
import type { CheckContext } from '../check';
import { documentLiterals, filteredPattern, PatternGroup } from '../phrases/literalFilter';
import { sentenceAt } from '../phrases/sentenceAt';
import { topicsOf } from '../sectionTopics';
import type { RawFinding, Severity } from '../types';

/**
 * hygiene/broken-reference: a cross-reference ("see Section 7", "see the
 * Cookies section below", "the date stated at the top") that does not lead
 * where it says. The model finds the references; this decides whether each
 * one lands. When the outline is too thin to judge (no numbered headings),
 * it stays silent rather than guess.
 */
export function runBrokenReference(ctx: CheckContext, rule: BrokenReferenceRule): void {
  const doc = ctx.doc;
  const report = (span: Span, message: string, related?: RawFinding['related']) =>
    ctx.report({ ruleId: rule.id, kind: 'hygiene', severity: rule.severity as Severity, message, citation: rule.citation, url: rule.url, span, related });
  const code = doc.blocks.filter(b => b.kind === 'code').map(b => b.span);

  for (const ref of doc.facts.crossReferences) {
    if (code.some(c => c.start <= ref.span.start && ref.span.end <= c.end)) continue;
    const words = `“${doc.text.slice(ref.span.start, ref.span.end).replace(/\s+/g, ' ').trim()}”`;
    const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);
    if (ref.by === 'number') {
      if (citesLaw(doc.text, ref)) continue;
      const numbered = doc.sections.filter(s => s.number);
      // Without a numbered outline the model may simply have missed the numbers.
      if (numbered.length < 2) continue;
      const target = numbered.find(s => sameNumber(s.number!, ref.target));
      if (!target) {
        report(ref.span, fill(rule.messages.missingNumber, { reference: words, target: ref.target }));
        continue;
      }
      const topic = offTopic(doc, ref, target);
      if (topic) {
        report(ref.span, fill(rule.messages.offTopic, { reference: words, target: ref.target, title: target.title, topic }), [{ span: target.titleSpan, message: `Section ${ref.target} is “${target.title}”.` }]);
        continue;
      }
      const misdirected = wrongDirection(ref, [target.titleSpan]);
      if (misdirected) report(ref.span, fill(rule.messages.wrongDirection, { reference: words, direction: ref.direction!, title: target.title, actual: misdirected }), [{ span: target.titleSpan, message: `“${target.title}” is here.` }]);
    } else {
      const places = namedPlaces(doc, ref);
      if (!places.length) {
        report(ref.span, fill(rule.messages.missingName, { reference: words, target: ref.target }));
        continue;
      }
      const misdirected = wrongDirection(ref, places.map(p => p.span));
      if (misdirected) report(ref.span, fill(rule.messages.wrongDirection, { reference: words, direction: ref.direction!, title: places[0].title, actual: misdirected }), [{ span: places[0].span, message: `“${places[0].title}” is here.` }]);
    }
  }
  reportMissingDates(ctx, rule, report);
}

/** "Section 5 of the FTC Act", "section 1798.140": a reference to a statute, not to the policy. */
function citesLaw(text: string, ref: CrossReference): boolean {
  if (/^\d{3,}|\.\d{3,}|\(/.test(ref.target)) return true;
  const after = text.slice(ref.span.end, ref.span.end + 60);
  return /^\s*(?:\([\w.]+\)\s*)*(?:of|under|in)\s+(?:the\s+)?(?:[A-Z]|Cal\.|GDPR|CCPA)/.test(after) && !/^\s*(?:of|in)\s+(?:this|our|the\s+(?:policy|notice|statement))/i.test(after);
}

function sameNumber(sectionNumber: string, target: string): boolean {
  const norm = (s: string) => s.replace(/\.$/, '').toLowerCase();
  return norm(sectionNumber) === norm(target);
}

/**
 * The topic a numbered reference's own context is about when its target is
 * about something else entirely; undefined when they agree or either cannot
 * be read. Context: the label of the bullet or paragraph ("Cookies: …") or
 * else the clause leading up to the reference.
 */
function offTopic(doc: PolicyDocument, ref: CrossReference, target: Section): string | undefined {
  const sentence = sentenceAt(doc, ref.span.start);
  if (!sentence) return undefined;
  const block = doc.text.slice(sentence.block.span.start, ref.span.start);
  const label = /^[\s•*\-–\d.)]*([^:.\n]{3,60}):/.exec(block)?.[1];
  const clause = doc.text.slice(sentence.span.start, ref.span.start).split(/[;:]/).pop() ?? '';
  const topics = compiledTopics();
  const about = (s: string) => topics.filter(t => t.cues.some(c => ((c.lastIndex = 0), c.test(s)))).map(t => t.id);
  const context = about(label ?? clause);
  const aimed = new Set<string>();
  for (let s: Section | null = target; s; s = s.parent) for (const t of topicsOf(s)) aimed.add(t);
  for (const child of target.children) for (const t of topicsOf(child)) aimed.add(t);
  if (!context.length || !aimed.size || context.some(t => aimed.has(t))) return undefined;
  return topics.find(t => t.id === context[0])!.title.toLowerCase();
}

let topicCache: { id: string; title: string; cues: RegExp[] }[] | undefined;

/** The section topics with their cues compiled once (the knowledge is loaded once per process). */
function compiledTopics() {
  return (topicCache ??= loadKnowledge(sectionTopicsFile).topics.map(t => ({ id: t.id, title: t.title, cues: t.cues.map(pattern) })));
}

/** "above"/"below" when the reference says one and every place it could mean lies the other way. */
function wrongDirection(ref: CrossReference, places: Span[]): string | undefined {
  if (!ref.direction || !places.length) return undefined;
  const before = places.filter(p => p.end <= ref.span.start).length;
  const after = places.filter(p => p.start >= ref.span.end).length;
  if (ref.direction === 'below' && after === 0 && before > 0) return 'above';
  if (ref.direction === 'above' && before === 0 && after > 0) return 'below';
  return undefined;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'our', 'your', 'this', 'for', 'in', 'on', 'section', 'paragraph', 'heading', 'part', 'entitled', 'titled', 'called', 'below', 'above', 'us', 'we', 'you', 'how', 'what', 'who']);
// Words every privacy heading may carry: they do not tell one section from another.
const GENERIC = new Set(['privacy', 'information', 'data', 'personal', 'policy', 'notice', 'statement', 'more']);

function words(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map(w => w.replace(/(?<=\p{L}{3})s$/u, ''))
    .filter(w => w.length > 1 && !STOP.has(w));
}

interface LineLabel {
  span: Span;
  title: string;
  line: number;
  words: string[];
}

const labelCache = new WeakMap<PolicyDocument, LineLabel[]>();

/** Lines that start with a short label ("Cookies: …") or are short enough to be a heading; once per document. */
function lineLabels(doc: PolicyDocument): LineLabel[] {
  let labels = labelCache.get(doc);
  if (!labels) {
    labels = [];
    const lineStart = /^[ \t>*_#•\-–]*(?:\d+(?:\.\d+)*[.)]?\s+)?([^\n:.]{2,80})(?::|\s*$)/gmu;
    for (const m of doc.text.matchAll(lineStart)) {
      const at = m.index! + m[0].indexOf(m[1]);
      labels.push({ span: { start: at, end: at + m[1].length }, title: m[1].trim(), line: doc.lines.positionAt(at).line, words: words(m[1]) });
    }
    labelCache.set(doc, labels);
  }
  return labels;
}

/**
 * Where a named reference could land: headings, and lines that start with a
 * label ("Cookies: …"), as pasted policies often carry their headings inline.
 * A place that has every word of the name comes first; a place that shares a
 * distinctive word still counts, so that "the Children's Privacy section"
 * finds "Children" — only a name with nothing in the outline is missing.
 */
function namedPlaces(doc: PolicyDocument, ref: CrossReference): { span: Span; title: string }[] {
  const wanted = words(ref.target);
  const distinctive = wanted.filter(w => !GENERIC.has(w));
  if (!distinctive.length) return [{ span: ref.span, title: ref.target }];
  const refLine = doc.lines.positionAt(ref.span.start).line;
  const candidates = [
    ...doc.sections.map(s => ({ span: s.titleSpan, title: s.title })),
    ...lineLabels(doc).filter(l => l.line !== refLine && l.words.length <= wanted.length + 4),
  ];
  const full = candidates.filter(c => {
    const got = new Set(words(c.title));
    return wanted.every(w => got.has(w));
  });
  if (full.length) return full;
  return candidates.filter(c => {
    const got = new Set(words(c.title));
    return distinctive.some(w => got.has(w));
  });
}

const DATE_WORDS = /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{4})\b/i;

/** "effective as of the date stated at the top" when the top (or bottom) has no date. */
function reportMissingDates(ctx: CheckContext, rule: BrokenReferenceRule, report: (span: Span, message: string) => void): void {
  const doc = ctx.doc;
  const pointers = compileDatePointers(rule);
  const lits = documentLiterals(doc);
  // Most sentences hold none of the words a pointer needs ("date", "top" …).
  for (const index of lits.sentencesFor(pointers)) {
    const sentence = doc.sentences[index];
    for (const p of pointers.patterns) {
      if (!p.mayMatchSentence(lits, sentence.index)) continue;
      const m = p.matchAll(sentence.text).next().value;
      if (!m) continue;
      const where = /top|beginning|head/i.test(m[1]) ? 'top' : 'bottom';
      if (!hasDateAt(doc, where)) {
        const start = sentence.span.start + m.index;
        report({ start, end: start + m[0].length }, rule.messages.missingDate.replace('{where}', where));
      }
      break;
    }
  }
}

const pointerCache = new WeakMap<BrokenReferenceRule, PatternGroup>();

/** The date pointers of the rule, compiled once per process (also before the first literal scan). */
export function compileDatePointers(rule: BrokenReferenceRule): PatternGroup {
  let group = pointerCache.get(rule);
  if (!group) pointerCache.set(rule, (group = new PatternGroup(rule.datePointers.map(source => filteredPattern(pattern(source))))));
  return group;
}

/** A date within the first or last few lines of the policy (front matter counts as the top). */
function hasDateAt(doc: PolicyDocument, where: 'top' | 'bottom'): boolean {
  const lineCount = doc.lines.lineCount;
  const window = Math.max(8, Math.round(lineCount * 0.1));
  const bodyStart = doc.frontMatter?.span.end ?? 0;
  const first = doc.lines.positionAt(bodyStart).line;
  const from = where === 'top' ? bodyStart : doc.lines.offsetAt({ line: Math.max(first, lineCount - window), character: 0 });
  const to = where === 'top' ? doc.lines.offsetAt({ line: Math.min(lineCount - 1, first + window), character: 0 }) : doc.text.length;
  if (where === 'top' && doc.frontMatter && (doc.frontMatter.declarations.lastUpdated || doc.frontMatter.declarations.effectiveDate)) return true;
  if (doc.facts.dates.some(d => d.span.start >= from && d.span.start < to)) return true;
  return DATE_WORDS.test(doc.text.slice(from, to));
}
