import { isJsSpace } from './characters';
import type { Span } from './types';

/** Abbreviations that never end a sentence: a name or a number always follows them. */
const NEVER_FINAL = new Set([
  'e.g', 'i.e', 'eg', 'ie', 'cf', 'viz', 'vs', 'v', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'ste', 'no', 'nos', 'art', 'arts', 'sec', 'secs',
  'para', 'paras', 'cal', 'civ', 'bus', 'prof', 'regs', 'reg', 'subd', 'subs', 'stat', 'ann', 'fig', 'ch', 'pt', 'approx', 'dept', 'tel',
  'ph', 'incl', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'gov', 'govt', 'pp', 'p', 'vol',
  'mt', 'ft', 'blvd', 'ave', 'rd',
]);

/** Abbreviations that end a sentence only when a typical sentence opening follows ("… Inc. We …", "… the U.S. If …"). */
const SOMETIMES_FINAL = new Set(['etc', 'inc', 'ltd', 'llc', 'co', 'corp', 'plc', 'gmbh', 'seq', 'al', 'jr', 'sr', 'u.s', 'u.k', 'e.u', 'u.s.a', 'u.s.c', 'c.f.r', 'cfr']);

/** Words that open a new sentence after an ambiguous abbreviation. */
const SENTENCE_OPENERS = new Set([
  'we', 'you', 'your', 'our', 'if', 'the', 'this', 'these', 'those', 'that', 'please', 'for', 'in', 'when', 'where', 'it', 'they', 'any',
  'all', 'as', 'such', 'some', 'however', 'note', 'to', 'by', 'each', 'there', 'unless', 'while', 'after', 'before', 'upon', 'under',
  'although', 'because', 'i', 'us', 'no', 'none', 'only', 'also', 'additionally', 'accordingly', 'therefore', 'thus', 'with', 'without',
]);

// A candidate end: a run of . ! ? or an ellipsis, then closing quotes or brackets, then white space.
const END = /(?:[.!?]+|…)["'”’)\]]*(?=\s)/g;
const URL_OR_MAIL = /:\/\/|^www\.|@|^[\w-]+(?:\.[\w-]+)+\/|^[\w-]+\.(?:com|org|net|io|gov|edu|eu|co|uk|de|fr)$/i;
const LIST_MARKER = /^(?:[•◦▪‣·●○■□➢►✓✔–—]|[-*+]|\d{1,3}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}\))[ \t]+/i;

/**
 * Splits a block's text into sentence spans (offsets relative to `base`).
 * A sentence ends at . ! ? or … (with closing quotes or brackets) before
 * white space and a capital, digit, quote, bracket or bullet — unless the
 * period closes an abbreviation ("e.g.", "Cal. Civ. Code", "Art. 13"), an
 * initial, a list number ("1." at the start of the sentence) or a dotted
 * acronym that goes on ("U.S. Department"). "the U.S.. If" ends after the
 * second period. Decimals, URLs and e-mail addresses have no white space
 * after their periods and are never cut.
 */
export function splitSentences(text: string, base: number): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(text)) !== null) {
    const end = m.index + m[0].length;
    const nextStart = skipSpace(text, end);
    if (nextStart >= text.length) break;
    if (!opensSentence(text, nextStart)) continue;
    if (m[0][0] === '.' && !periodEnds(text, m.index, m[0], start, nextStart)) continue;
    if (m[0][0] === '…' || m[0].startsWith('...')) {
      if (!/^\p{Lu}/u.test(text[nextStart] ?? '')) continue;
    }
    if (end > start) spans.push({ start: base + start, end: base + end });
    start = nextStart;
  }
  const tail = trimEnd(text, text.length, start);
  if (tail > start) spans.push({ start: base + start, end: base + tail });
  return spans;
}

/** Length of a list marker ("- ", "• ", "1. ", "(a) ") at the start of a list item's text. */
export function listMarkerLength(text: string): number {
  const m = LIST_MARKER.exec(text.length > 16 ? text.slice(0, 16) : text);
  return m ? m[0].length : 0;
}

function opensSentence(text: string, i: number): boolean {
  // "(a) …", "(iv) …": an enumerated clause after a full stop starts a new sentence.
  if (text[i] === '(' && /^\([a-z]{1,4}\)\s/.test(text.slice(i, i + 7))) return true;
  let c = text[i];
  if (c === '"' || c === '“' || c === '‘' || c === "'" || c === '(' || c === '[') c = text[i + 1] ?? '';
  return /[\p{Lu}\d•§]/u.test(c);
}

/** Decides whether the period run at `dot` (the run is `run`) ends the sentence that started at `sentenceStart`. */
function periodEnds(text: string, dot: number, run: string, sentenceStart: number, nextStart: number): boolean {
  const periods = run.replace(/["'”’)\]]+$/, '').length;
  if (periods >= 3) return true;
  if (/[)\]"'”’]/.test(run)) return true;
  const token = tokenBefore(text, dot);
  if (token.length === 0) return true;
  if (URL_OR_MAIL.test(token)) return true;
  // "EU-U.S." and "and/or U.S." end with the word after the hyphen or slash.
  const word = token.replace(/^[("'“‘\[]+/, '').replace(/^.*[-/–](?=\p{L})/u, '');
  // A list number at the very start of the sentence: "1. We collect …", "(a). …".
  if (/^(?:\d{1,3}|[a-z]|[ivx]{1,4})$/i.test(word) && dot - word.length <= sentenceStart + 1) return false;
  if (/^\d+(?:\.\d+)*$/.test(word)) return true;
  const key = word.toLowerCase();
  // "U.S.." — the first period closes the abbreviation, the second ends the sentence.
  if (periods === 2) return true;
  if (NEVER_FINAL.has(key)) return false;
  const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(word);
  if (SOMETIMES_FINAL.has(key) || dotted || /^\p{Lu}$/u.test(word)) return startsWithOpener(text, nextStart);
  return true;
}

/** The run of non-space characters before `dot`, at most 64 long. */
function tokenBefore(text: string, dot: number): string {
  let i = dot;
  const floor = Math.max(0, dot - 64);
  while (i > floor && !isJsSpace(text.charCodeAt(i - 1))) i--;
  return text.slice(i, dot);
}

function startsWithOpener(text: string, i: number): boolean {
  const m = /^["“‘'(]?(\p{L}+)/u.exec(text.slice(i, i + 24));
  return m !== null && SENTENCE_OPENERS.has(m[1].toLowerCase());
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isJsSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, i: number, floor: number): number {
  while (i > floor && isJsSpace(text.charCodeAt(i - 1))) i--;
  return i;
}
