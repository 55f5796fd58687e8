import { pattern } from '../../knowledge/loader';
import type { UndefinedTermRule } from '../../knowledge/files/hygiene';
import type { DefinedTerm, PolicyDocument, Span } from '../../model/types';
import type { CheckContext } from '../check';
import { documentLiterals, filteredPattern, PatternGroup, textPattern, type DocumentLiterals, type FilteredPattern } from '../phrases/literalFilter';
import { sentenceAt } from '../phrases/sentenceAt';
import { newResultSlot, resultIn, sentenceRecords } from '../phrases/sentenceResults';
import type { Severity } from '../types';

/**
 * hygiene/undefined-term: a term announced as "defined below" (or above) that
 * the policy never defines, and a term defined twice in different words.
 * Policies that hand undefined terms to their Terms of Service are left alone.
 */
interface Compiled {
  /** Where the promises found in a sentence are remembered (sentenceResults.ts). */
  slot: number;
  promised: FilteredPattern[];
  anyPromise: PatternGroup;
  definitions: FilteredPattern[];
  elsewhere: FilteredPattern[];
}

/** A promise of a definition in a sentence: the match, relative to the sentence's start, and its capitalised run. */
interface PromisedDefinition {
  index: number;
  match: string;
  phrase: string;
}

const compiledRules = new WeakMap<UndefinedTermRule, Compiled>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compileUndefinedTerm(rule: UndefinedTermRule): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    const filtered = (source: string) => filteredPattern(pattern(source));
    c = {
      slot: newResultSlot(),
      promised: rule.promisedDefinition.map(filtered),
      anyPromise: new PatternGroup(rule.promisedDefinition.map(filtered)),
      definitions: rule.definitions.map(source => textPattern(pattern(source))),
      elsewhere: rule.definedElsewhere.map(source => textPattern(pattern(source))),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

/** The promises of each pattern in turn, in text order: as the patterns' matches over the sentence. */
function promisesIn(c: Compiled, text: string, lits: DocumentLiterals, sentence: number): PromisedDefinition[] {
  const out: PromisedDefinition[] = [];
  for (const p of c.promised) {
    if (!p.mayMatchSentence(lits, sentence)) continue;
    for (const m of p.matchAll(text)) out.push({ index: m.index!, match: m[0], phrase: m[1] });
  }
  return out;
}

export function runUndefinedTerm(ctx: CheckContext, rule: UndefinedTermRule): void {
  const doc = ctx.doc;
  const c = compileUndefinedTerm(rule);
  const lits = documentLiterals(doc);
  if (c.elsewhere.some(p => p.testText(lits))) return;
  const severity = rule.severity as Severity;

  const records = sentenceRecords(doc);
  for (const index of lits.sentencesFor(c.anyPromise)) {
    const sentence = doc.sentences[index];
    for (const m of resultIn(records, sentence, c.slot, text => promisesIn(c, text, lits, index))) {
      const phrase = m.phrase;
      // The capitalised run may start with sentence words ("This Policy explains Personal Data"): any tail that is defined will do.
      const tails = suffixes(phrase);
      if (!tails.length) continue;
      const promiseSpan = { start: sentence.span.start + m.index, end: sentence.span.start + m.index + m.match.length };
      if (tails.some(t => isDefined(doc, t, promiseSpan))) continue;
      const term = tails.find(t => t.split(' ').length <= 3) ?? tails[tails.length - 1];
      const at = sentence.span.start + m.index + m.match.indexOf(term);
      ctx.report({ ruleId: rule.id, kind: 'hygiene', severity, message: rule.messages.promisedNotDefined.replace('{term}', term), citation: rule.citation, url: rule.url, span: { start: at, end: at + term.length } });
    }
  }

  // A policy that repeats a definition repeats the words before it: read them once.
  const words = new Map<string, Set<string>>();
  const byTerm = new Map<string, DefinedTerm[]>();
  for (const d of allDefinitions(doc, c.definitions, lits)) {
    const key = normalise(d.term);
    (byTerm.get(key) ?? byTerm.set(key, []).get(key)!).push(d);
  }
  for (const defs of byTerm.values()) {
    if (defs.length < 2) continue;
    const first = defs[0];
    const firstWords = definiens(doc, first, words);
    // Too few words to tell two definitions apart: no other definition is compared.
    if (firstWords.size < 2) continue;
    for (const other of defs.slice(1)) {
      const otherWords = definiens(doc, other, words);
      if (otherWords.size < 2 || [...otherWords].some(w => firstWords.has(w))) continue;
      ctx.report({
        ruleId: rule.id,
        kind: 'hygiene',
        severity,
        message: rule.messages.definedTwice.replace('{term}', other.term),
        citation: rule.citation,
        url: rule.url,
        span: other.span,
        related: [{ span: first.span, message: `“${first.term}” is first defined here.` }],
      });
      break;
    }
  }
}

/** The model's defined terms and the parenthesised definitions of the text, once each, in text order. */
function allDefinitions(doc: PolicyDocument, definitions: FilteredPattern[], lits: DocumentLiterals): DefinedTerm[] {
  const out = [...doc.facts.definedTerms];
  for (const p of definitions) {
    for (const m of p.matchAllText(lits)) {
      const start = m.index! + m[0].indexOf(m[1]);
      const span = { start, end: start + m[1].length };
      if (!out.some(d => d.span.start < span.end && span.start < d.span.end)) out.push({ term: m[1], span });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function normalise(term: string): string {
  return term.toLowerCase().replace(/[“”"'‘’]/g, '').replace(/\s+/g, ' ').replace(/s$/, '').trim();
}

/** The capitalised tails of a run of words: knowledge patterns are case-insensitive, capitals are checked here. */
function suffixes(phrase: string): string[] {
  const w = phrase.split(/\s+/);
  let first = w.length;
  while (first > 0 && /^\p{Lu}/u.test(w[first - 1])) first--;
  const tails: string[] = [];
  for (let i = first; i < w.length; i++) if (!/^(?:the|this|our|your|any|all|such|these)$/i.test(w[i])) tails.push(w.slice(i).join(' '));
  return tails;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Defined by the model's facts, quoted as a definition, used as a heading or a label, or explained with "means". */
function isDefined(doc: PolicyDocument, term: string, promise: Span): boolean {
  const key = normalise(term);
  if (doc.facts.definedTerms.some(d => normalise(d.term) === key)) return true;
  if (doc.sections.some(s => normalise(s.title) === key)) return true;
  const t = escape(term).replace(/\\?\s+/g, '\\s+');
  // "â" stands for a quote whose other bytes a mis-decoding dropped.
  const quoted = new RegExp(`[“"'‘â]${t}s?[”"'’â]`, 'giu');
  for (const m of doc.text.matchAll(quoted)) if (m.index! < promise.start || m.index! >= promise.end) return true;
  const explained = new RegExp(`(?:^|[.:;]\\s+|\\n\\s*[-*•]?\\s*)(?:the\\s+)?${t}s?\\s*(?::|means|refers\\s+to|is\\s+defined|shall\\s+mean|includes|is\\s+any|is\\s+all)`, 'iu');
  return explained.test(doc.text);
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'our', 'your', 'this', 'these', 'for', 'in', 'on', 'as', 'we', 'us', 'you', 'all', 'any', 'collectively', 'referred', 'together', 'hereinafter', 'including', 'with', 'by', 'at', 'is', 'are']);

/** Content words of the few words before a definition: what the term is said to stand for. */
function definiens(doc: PolicyDocument, d: DefinedTerm, known: Map<string, Set<string>>): Set<string> {
  const sentence = sentenceAt(doc, d.span.start);
  const from = sentence ? sentence.span.start : Math.max(0, d.span.start - 120);
  const before = doc.text.slice(Math.max(from, d.span.start - 120), d.span.start);
  let out = known.get(before);
  if (!out) {
    const words = before.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(w => w.length > 2 && !STOP.has(w));
    known.set(before, (out = new Set(words.slice(-8).map(w => w.replace(/s$/, '')))));
  }
  return out;
}
