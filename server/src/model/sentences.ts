import type { Span } from './types';

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'inc', 'ltd', 'llc', 'co', 'corp', 'u.s', 'u.k', 'u.s.a', 'e.u', 'no', 'nos', 'art', 'arts', 'cal', 'civ',
  'bus', 'prof', 'regs', 'reg', 'sec', 'secs', 'para', 'cf', 'vs', 'v', 'st', 'ste', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'approx',
  'dept', 'fig', 'al', 'seq', 'ch', 'pt', 'subd', 'stat', 'ann', 'code', 'u.s.c', 'c.f.r', 'cfr', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'tel', 'ph', 'approx', 'min', 'max', 'ca',
]);

/**
 * Splits a block's text into sentence spans (offsets relative to `base`).
 * A sentence ends at . ! ? (optionally followed by quotes or brackets) before
 * white space and an upper-case letter, digit, quote or bullet — unless the
 * period closes a known abbreviation, an initial, or a section number
 * ("§1798.140(ad)", "Art. 13").
 */
export function splitSentences(text: string, base: number): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  const re = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[•\-–]?[\p{Lu}\d•])|[.!?]+["'”’)\]]*(?=\s*$)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && isAbbreviation(text, m.index)) continue;
    if (end > start) spans.push({ start: base + start, end: base + end });
    start = skipSpace(text, end);
  }
  const tail = trimEnd(text, text.length);
  if (tail > start) spans.push({ start: base + start, end: base + tail });
  return spans;
}

function isAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ''))) return true;
  // A single letter ("J. Smith") or a dotted acronym ("U.S.").
  if (/^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}?$/u.test(word)) return true;
  // "Section 4. Data" is a heading number, not a sentence end, only when short: leave to sections.
  return false;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}
