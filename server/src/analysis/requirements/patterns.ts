import { loadKnowledge } from '../../knowledge/loader';
import { compileRequirementPattern, requirementsFile, type RequirementsKnowledge } from '../../knowledge/files/requirements';
import { requiredLiteralSets } from './literals';

/** A requirements pattern, compiled once per knowledge load. */
export interface CompiledPattern {
  /** Dense, in order of first use within a knowledge load: per-sentence results are kept in arrays indexed by it. */
  id: number;
  re: RegExp;
  /** Written `(?-i)…`: its literals keep their case and are looked for in the text as written. */
  caseSensitive: boolean;
  /** One literal of each of these sets must occur in any text the pattern matches (case-folded unless case-sensitive); null: none can be read. */
  literalSets: string[][] | null;
}

/**
 * The patterns compiled for one load of requirements.yaml: evidence is
 * tested sentence by sentence on every keystroke, so nothing is compiled per
 * document. Regular expressions are non-global, so `test` keeps no state
 * between calls.
 */
export class PatternTable {
  private readonly bySource = new Map<string, CompiledPattern>();
  readonly list: CompiledPattern[] = [];

  constructor(readonly knowledge: RequirementsKnowledge) {}

  get(source: string): CompiledPattern {
    let c = this.bySource.get(source);
    if (!c) {
      const re = compileRequirementPattern(source, this.knowledge.vocabulary);
      const options = { foldCase: re.ignoreCase };
      c = { id: this.list.length, re, caseSensitive: !re.ignoreCase, literalSets: requiredLiteralSets(re.source, options) };
      this.bySource.set(source, c);
      this.list.push(c);
    }
    return c;
  }
}

let table: PatternTable | undefined;

/**
 * The patterns of the requirements knowledge. The loader keeps a knowledge
 * file for the life of the process, so the table is made once: asking the
 * loader again on every sentence cost more than the patterns did.
 */
export function patternTable(): PatternTable {
  return (table ??= new PatternTable(loadKnowledge(requirementsFile)));
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

/** The pattern compiled once per knowledge load, with the literals one of which every match contains. */
export function compiledPattern(source: string): CompiledPattern {
  return patternTable().get(source);
}

/**
 * The form of a sentence that patterns are written against: apostrophes
 * made plain, double quotes, parentheses, Markdown emphasis and line breaks
 * gone, white space collapsed. Used only for testing, never for offsets.
 */
export function normaliseForMatching(text: string): string {
  // Emphasis marks are removed by their context (next to a non-space): the
  // step by step form below. Other sentences take one pass that copies the
  // runs of characters they keep.
  if (text.includes('*') || text.includes('_')) return normaliseStepByStep(text);
  let out = '';
  /** Start of the run of kept characters not copied yet. */
  let from = 0;
  /** White space seen since the last character kept (one space goes out before the next). */
  let space = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const action = actionOf(text.charCodeAt(i));
    if (action === KEEP) {
      if (space) {
        out += ' ';
        space = false;
      }
      continue;
    }
    // One plain space between two kept characters stays in the run.
    if (action === SPACE && text.charCodeAt(i) === 32 && !space && i > from && i + 1 < n && actionOf(text.charCodeAt(i + 1)) === KEEP) continue;
    if (i > from) out += text.slice(from, i);
    from = i + 1;
    if (action === APOSTROPHE) {
      if (space) out += ' ';
      space = false;
      out += "'";
    } else if (action === SPACE) {
      if (out.length > 0) space = true;
    }
  }
  if (from === 0) return text;
  return from < n ? out + text.slice(from) : out;
}

/** The definition of normaliseForMatching, step by step. */
export function normaliseStepByStep(text: string): string {
  const plain = text
    .replace(/[‘’‚‛′`]/g, "'")
    // Quotes and parentheses around words ("sell" or "share", ported
    // (transferred) to) would break the word patterns; they carry no meaning here.
    .replace(/[“”„‟″"()]/g, '');
  // Most sentences hold no emphasis: skip its lookbehind scan then.
  const unemphasised = plain.includes('*') || plain.includes('_') ? plain.replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '') : plain;
  return unemphasised.replace(/\s+/g, ' ').trim();
}

const KEEP = 0;
const DROP = 1;
const APOSTROPHE = 2;
const SPACE = 3;
/** What normalising does to a character: apostrophes made plain, quotes and parentheses dropped, white space (as \s) collapsed. */
const ACTIONS = new Map<number, number>();
for (const c of '‘’‚‛′`') ACTIONS.set(c.charCodeAt(0), APOSTROPHE);
for (const c of '“”„‟″"()') ACTIONS.set(c.charCodeAt(0), DROP);
// The code units of \s (ECMA-262 WhiteSpace and LineTerminator).
for (const u of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) ACTIONS.set(u, SPACE);
const ASCII_ACTIONS = Uint8Array.from({ length: 128 }, (_, u) => ACTIONS.get(u) ?? KEEP);

function actionOf(unit: number): number {
  return unit < 128 ? ASCII_ACTIONS[unit] : ACTIONS.get(unit) ?? KEEP;
}
