import { pattern } from '../../knowledge/loader';
import type { RetentionRule } from '../../knowledge/files/conflicts';
import { ontology } from '../../model/ontology';
import type { DurationFact, PolicyDocument } from '../../model/types';
import type { CheckContext } from '../check';
import { reportConflict, test } from './report';

interface Period {
  fact: DurationFact;
  event: string;
  eventWords: string;
  data: string[];
}

const compiledRules = new WeakMap<RetentionRule, { words: RegExp; events: { id: string; re: RegExp }[] }>();

/**
 * conflict/retention-period: two different periods for the same data and the
 * same event ("deleted within 30 days of account closure" / "within 90 days
 * of account closure"). Periods for different data ("financial records up to
 * 7 years") or from different events are not compared, and neither are two
 * periods of one sentence, which a drafter wrote side by side on purpose.
 */
export function runRetention(ctx: CheckContext, rule: RetentionRule): void {
  let c = compiledRules.get(rule);
  if (!c) compiledRules.set(rule, (c = { words: pattern(rule.retentionWords), events: rule.events.map(e => ({ id: e.id, re: pattern(e.pattern) })) }));
  const periods: Period[] = [];
  for (const fact of ctx.doc.facts.durations) {
    const text = fact.sentence.text;
    if (!test(c.words, text)) continue;
    const local = clauseAround(ctx.doc, fact);
    const event = c.events.find(e => test(e.re, local)) ?? c.events.find(e => test(e.re, text));
    if (!event) continue;
    event.re.lastIndex = 0;
    const eventWords = (event.re.exec(local) ?? event.re.exec(text))?.[0] ?? event.id;
    const data = dataIn(ctx.doc, local);
    if (!data.length) continue;
    periods.push({ fact, event: event.id, eventWords, data });
  }
  const o = ontology();
  const reported = new Set<Period>();
  for (let i = 0; i < periods.length; i++) {
    const first = periods[i];
    if (reported.has(first)) continue;
    const clashing = periods.slice(i + 1).filter(
      p => !reported.has(p) && p.fact.sentence !== first.fact.sentence && p.event === first.event && p.fact.days !== first.fact.days &&
        p.data.some(x => first.data.some(y => o.subsumes(x, y) || o.subsumes(y, x))),
    );
    if (!clashing.length) continue;
    clashing.forEach(p => reported.add(p));
    const period = (p: Period) => ctx.doc.text.slice(p.fact.span.start, p.fact.span.end);
    const fill = (s: string, other: Period) =>
      s.replace('{data}', o.label(first.data[0])).replace('{period}', period(first)).replace('{event}', first.eventWords).replace(/\{other\}/g, `${period(other)}`);
    reportConflict(ctx, rule, first.fact.span, fill(rule.message, clashing[0]), clashing.map(p => ({ span: p.fact.span, message: fill(rule.relatedMessage, p) })));
  }
}

/** The clause of the sentence that holds the duration: between semicolons, brackets and "except". */
function clauseAround(doc: PolicyDocument, fact: DurationFact): string {
  const s = fact.sentence;
  const text = s.text;
  const at = fact.span.start - s.span.start;
  const boundary = /[;()]|\bexcept\b|\bunless\b|\bwhile\b/gi;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(boundary)) {
    if (m.index! + m[0].length <= at) start = m.index! + m[0].length;
    else if (m.index! >= at + (fact.span.end - fact.span.start)) {
      end = m.index!;
      break;
    }
  }
  return text.slice(start, end);
}

/** Personal-data concepts named in a clause. */
function dataIn(_doc: PolicyDocument, clause: string): string[] {
  const o = ontology();
  return [...new Set(o.findMentions(clause).map(m => m.id).filter(id => id.startsWith('data/') && o.isPersonal(id)))];
}
