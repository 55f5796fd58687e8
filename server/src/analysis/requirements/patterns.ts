import { loadKnowledge } from '../../knowledge/loader';
import { compileRequirementPattern, requirementsFile } from '../../knowledge/files/requirements';
import { requiredLiteralSets, requiredLiterals } from './literals';

// Compiled once per pattern source for the life of the process: evidence is
// tested sentence by sentence on every keystroke, so nothing is compiled per
// document. Non-global, so `test` keeps no state between calls.
const compiled = new Map<string, CompiledPattern>();

export interface CompiledPattern {
  /** Dense, in order of first use: per-document results are kept in arrays indexed by it. */
  id: number;
  re: RegExp;
  /** One of these must occur in the lower-cased text for the pattern to match (null: no such literal). */
  literals: string[] | null;
  /** One literal of each of these sets must occur (null: none can be read); narrower than `literals`. */
  literalSets: string[][] | null;
}

/**
 * A requirements pattern, with its {vocabulary} words expanded. Patterns are
 * case-insensitive unless they start with `(?-i)` (a legal name is told by
 * its capitals). Deliberately not Unicode-mode: V8 matches case-insensitive
 * Unicode patterns an order of magnitude slower, and the patterns need no
 * Unicode classes (sentences are normalised first).
 */
export function requirementPattern(source: string): RegExp {
  return compiledPattern(source).re;
}

/** The pattern compiled once per process, with the literals one of which every match contains. */
export function compiledPattern(source: string): CompiledPattern {
  let c = compiled.get(source);
  if (!c) {
    const re = compileRequirementPattern(source, loadKnowledge(requirementsFile).vocabulary);
    c = { id: compiled.size, re, literals: requiredLiterals(re.source), literalSets: requiredLiteralSets(re.source) };
    compiled.set(source, c);
  }
  return c;
}

/** Text prepared for matching: normalised, and lower-cased for the literal pre-test. */
export interface MatchText {
  text: string;
  lower: string;
}

export function matchText(raw: string): MatchText {
  const text = normaliseForMatching(raw);
  return { text, lower: text.toLowerCase() };
}

export function patternMatches(source: string, t: MatchText): boolean {
  const c = compiledPattern(source);
  if (c.literals && !c.literals.some(l => t.lower.includes(l))) return false;
  return c.re.test(t.text);
}

export function matchesAny(sources: readonly string[] | undefined, t: MatchText): boolean {
  if (!sources) return false;
  for (const s of sources) if (patternMatches(s, t)) return true;
  return false;
}

export function matchesAll(sources: readonly string[], t: MatchText): boolean {
  for (const s of sources) if (!patternMatches(s, t)) return false;
  return true;
}

/**
 * The form of a sentence that patterns are written against: apostrophes
 * made plain, double quotes, parentheses, Markdown emphasis and line breaks
 * gone, white space collapsed. Used only for testing, never for offsets.
 */
export function normaliseForMatching(text: string): string {
  const plain = text
    .replace(/[‘’‚‛′`]/g, "'")
    // Quotes and parentheses around words ("sell" or "share", ported
    // (transferred) to) would break the word patterns; they carry no meaning here.
    .replace(/[“”„‟″"()]/g, '');
  // Most sentences hold no emphasis: skip its lookbehind scan then.
  const unemphasised = plain.includes('*') || plain.includes('_') ? plain.replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '') : plain;
  return unemphasised.replace(/\s+/g, ' ').trim();
}
