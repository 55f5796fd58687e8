// Which characters a regular expression's match can begin with, read from its
// source. The ontology matcher uses it to try, at a position where some
// concept matched, only the patterns that could start there.

import { isJsSpace } from './characters';

/**
 * Lower-case first characters, or null when any character may come first (or
 * the source is beyond this reader): the prefixes of one character, with the
 * white-space class spelled out.
 */
export function firstChars(source: string): Set<string> | null {
  const prefixes = firstPrefixes(source, 1);
  if (!prefixes || prefixes.has(ANY_CHAR)) return null;
  const out = new Set<string>();
  for (const p of prefixes) {
    if (p === SPACE_CHAR) for (const space of jsSpaces()) out.add(space);
    else out.add(p);
  }
  return out;
}

let spaces: string[] | undefined;

/** Every character `\s` matches (what SPACE_CHAR stands for). */
function jsSpaces(): string[] {
  if (!spaces) {
    spaces = [];
    for (let c = 0; c <= 0xffff; c++) if (isJsSpace(c)) spaces.push(String.fromCharCode(c));
  }
  return spaces;
}

/** Stands for any character in a prefix. */
export const ANY_CHAR = '\u0000';
/**
 * Stands for one white-space character (what \s matches) in a prefix: text
 * looked up in a prefix index must have its white space mapped to it too.
 * Knowing that "to" is followed by a space and then an "m" is what makes a
 * prefix of a common word selective.
 */
export const SPACE_CHAR = '\u0001';

/**
 * The lower-case prefixes of `length` characters a match can begin with; a
 * shorter entry means the match may end there, and a prefix holding ANY_CHAR
 * lets any character stand there. Null when the source is beyond this reader
 * or the match may be empty. A superset: lookarounds are ignored.
 */
export function firstPrefixes(source: string, length: number): Set<string> | null {
  try {
    const reader = new PrefixReader(source, length);
    const result = reader.alternation();
    if (reader.pos !== source.length || result.has('')) return null;
    return result;
  } catch {
    return null;
  }
}

function concat(a: Set<string>, b: Set<string>, k: number): Set<string> {
  const out = new Set<string>();
  for (const x of a) {
    if (x.length >= k || x.endsWith(ANY_CHAR)) out.add(x);
    else for (const y of b) out.add((x + y).slice(0, k));
  }
  if (out.size > 4096) throw new Error('too many prefixes');
  return out;
}

class PrefixReader {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly k: number,
  ) {}

  alternation(): Set<string> {
    const out = new Set<string>();
    for (;;) {
      for (const p of this.sequence()) out.add(p);
      if (this.s[this.pos] !== '|') return out;
      this.pos++;
    }
  }

  private sequence(): Set<string> {
    let out = new Set<string>(['']);
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') out = concat(out, this.quantified(), this.k);
    return out;
  }

  private quantified(): Set<string> {
    const atom = this.atom();
    const c = this.s[this.pos];
    let min = 1;
    let max = 1;
    if (c === '?' || c === '*' || c === '+') {
      this.pos++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.pos));
      if (!m) throw new Error('quantifier');
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
    if (this.s[this.pos] === '?') this.pos++;
    // k repetitions are enough to know k characters.
    const k = this.k;
    let out = new Set<string>(['']);
    for (let i = 0; i < Math.min(min, k); i++) out = concat(out, atom, k);
    let optional = out;
    for (let i = Math.min(min, k); i < Math.min(max, k); i++) {
      optional = concat(optional, atom, k);
      out = new Set([...out, ...optional]);
    }
    return out;
  }

  private atom(): Set<string> {
    const c = this.s[this.pos];
    if (c === '(') {
      const group = readGroupHead(this.s, this.pos + 1);
      this.pos = group.pos;
      const zeroWidth = group.zeroWidth;
      const inner = this.alternation();
      if (this.s[this.pos] !== ')') throw new Error('unclosed');
      this.pos++;
      return zeroWidth ? new Set(['']) : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.s[this.pos + 1];
      this.pos += 2;
      if (e === 'b' || e === 'B') return new Set(['']);
      if (e === 's') return new Set([SPACE_CHAR]);
      if (/[a-zA-Z0-9]/.test(e)) {
        // \S, \w, \d, \p{…} and any other letter escape: any character (a superset).
        if ((e === 'p' || e === 'P') && this.s[this.pos] === '{') this.pos = this.s.indexOf('}', this.pos) + 1;
        return new Set([ANY_CHAR]);
      }
      return prefixChars(e);
    }
    this.pos++;
    if (c === '.') return new Set([ANY_CHAR]);
    if (c === '^' || c === '$') return new Set(['']);
    return prefixChars(c);
  }

  private charClass(): Set<string> {
    const end = this.s.indexOf(']', this.pos + 2);
    if (end < 0) throw new Error('class');
    const body = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    if (body.startsWith('^') || body.endsWith('\\') || /\\[a-zA-Z0-9]/.test(body) || /.-./.test(body.replace(/\\./g, ''))) return new Set([ANY_CHAR]);
    return prefixChars(body.replace(/\\(.)/g, '$1'));
  }
}

/** The characters of `list` as a prefix index knows them: lower-cased, white space as SPACE_CHAR. */
function prefixChars(list: string): Set<string> {
  const out = chars(list);
  for (const ch of out) {
    if (isJsSpace(ch.charCodeAt(0))) {
      out.delete(ch);
      out.add(SPACE_CHAR);
    }
  }
  return out;
}

function chars(list: string): Set<string> {
  const out = new Set<string>();
  for (const ch of list) {
    out.add(ch.toLowerCase());
    out.add(ch.toUpperCase().toLowerCase());
  }
  for (const ch of out) if (ch.length !== 1) throw new Error('case mapping changes length');
  return out;
}

/**
 * After a group's "(": skips "?:", "?=", "?!", "?<=", "?<!" and says whether
 * the group is a zero-width assertion. Named groups and other forms throw,
 * so the caller falls back to trying the pattern everywhere.
 */
function readGroupHead(s: string, pos: number): { pos: number; zeroWidth: boolean } {
  if (s[pos] !== '?') return { pos, zeroWidth: false };
  const head = s.slice(pos, pos + 3);
  if (head.startsWith('?:')) return { pos: pos + 2, zeroWidth: false };
  if (head === '?<=' || head === '?<!') return { pos: pos + 3, zeroWidth: true };
  if (head.startsWith('?=') || head.startsWith('?!')) return { pos: pos + 2, zeroWidth: true };
  throw new Error('group');
}
