// Reads, from a regular expression's source, literal strings of which at
// least one must occur in any text the expression matches. Evidence patterns
// are tested on every sentence of a policy for every requirement; finding
// these literals first (one scan of each sentence for all of them, see
// literalScanner.ts) rules most sentences out before the expression runs.

/** Alternatives kept for a run of exactly known text: `(?:we|us|our),` gives three; a few dozen at most. */
const MAX_EXACT = 32;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

type Need = string[] | null;

/** What a group or a sequence tells: a literal set every match holds, and, when known, every string it can match. */
interface Reading {
  need: Need;
  /** The finite set of strings the construct matches, or null when it is not that simple. */
  exact: string[] | null;
}

export interface LiteralOptions {
  /**
   * Lower-case the literals (for a case-insensitive pattern, tested against
   * lower-case text). False for a case-sensitive pattern, whose literals keep
   * their capitals ("GmbH", "AG") and are far rarer for it.
   */
  foldCase: boolean;
}

const FOLD: LiteralOptions = { foldCase: true };

/**
 * Whether a literal rules out enough sentences to be worth finding: short
 * lower-case words and punctuation ("us", ", ") occur in nearly every
 * sentence, while a digit, an "@" or a capitalised "AG" rarely do.
 */
export function informative(literal: string): boolean {
  return literal.length >= 3 || /[^a-z\s.,;:'!?()-]/.test(literal);
}

/** Literals (lower-case unless told otherwise), one of which every match contains; null when none can be read. */
export function requiredLiterals(source: string, options: LiteralOptions = FOLD): string[] | null {
  try {
    const reader = new Reader(source, options.foldCase);
    const need = reader.alternation().need;
    if (reader.pos !== source.length || !need || need.length === 0) return null;
    return need.every(informative) ? need : null;
  } catch {
    return null;
  }
}

/**
 * Sets of literals such that every match contains one literal of each set (a
 * pattern's words in sequence each narrow the sentences further); null when
 * none can be read.
 */
export function requiredLiteralSets(source: string, options: LiteralOptions = FOLD): string[][] | null {
  try {
    const reader = new Reader(source, options.foldCase);
    const sets = reader.sequenceNeeds().candidates.filter(c => c.every(informative));
    if (reader.pos === source.length && sets.length) return sets;
  } catch {
    // Read as a single set below.
  }
  const one = requiredLiterals(source, options);
  return one ? [one] : null;
}

type Atom =
  | { kind: 'zero-width' }
  | { kind: 'other' }
  /** A group, a single character (exact [c]) or a digit (exact 0–9). */
  | { kind: 'group'; need: Need; exact: string[] | null };

class Reader {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly foldCase: boolean,
  ) {}

  alternation(): Reading {
    const alternatives: Reading[] = [this.sequence()];
    while (this.s[this.pos] === '|') {
      this.pos++;
      alternatives.push(this.sequence());
    }
    const need = alternatives.some(a => a.need === null) ? null : [...new Set(alternatives.flatMap(a => a.need!))];
    const exact = alternatives.every(a => a.exact) ? [...new Set(alternatives.flatMap(a => a.exact!))] : null;
    return { need, exact: exact && exact.length <= MAX_EXACT ? exact : null };
  }

  private sequence(): Reading {
    const { candidates, exact } = this.sequenceNeeds();
    const useful = candidates.filter(c => c.every(informative));
    let need: Need;
    if (useful.length) {
      // Fewest alternatives first (each narrows less), then the longest.
      need = useful.sort((a, b) => a.length - b.length || shortest(b) - shortest(a))[0];
    } else {
      need = candidates.length ? candidates.sort((a, b) => shortest(b) - shortest(a))[0] : null;
    }
    return { need, exact };
  }

  /**
   * For each part of a sequence that every match holds, the literals one of
   * which it contains; and the sequence's exact strings when it has them.
   */
  sequenceNeeds(): { candidates: string[][]; exact: string[] | null } {
    const candidates: string[][] = [];
    // The strings the current unbroken run of known text may be (one of them occurs in every match).
    let run: string[] = [''];
    let exact: string[] | null = [''];
    const endRun = () => {
      if (!run.includes('')) candidates.push(run);
      run = [''];
    };
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'zero-width') {
        // \b, ^, $ and lookarounds consume nothing: a literal runs across them.
        continue;
      }
      if (atom.kind === 'other') {
        endRun();
        exact = null;
        continue;
      }
      if (q === 'optional') {
        endRun();
        exact = null;
        continue;
      }
      if (atom.exact && !atom.exact.includes('')) {
        const joined = product(run, atom.exact);
        if (joined) run = joined;
        else {
          // Too many combinations: what came before still occurs, and so does this part.
          endRun();
          run = atom.exact;
        }
      } else {
        endRun();
        if (atom.need) candidates.push(atom.need);
      }
      // A repeated part ends the run: what follows its first repetition is not known.
      if (q === 'repeat') endRun();
      exact = q === 'none' && exact && atom.exact ? product(exact, atom.exact) : null;
    }
    endRun();
    return { candidates, exact };
  }

  private atom(): Atom {
    const c = this.s[this.pos];
    if (c === '(') {
      this.pos++;
      let lookaround = false;
      if (this.s[this.pos] === '?') {
        const head = this.s.slice(this.pos, this.pos + 3);
        if (head.startsWith('?:')) this.pos += 2;
        else if (head.startsWith('?=') || head.startsWith('?!')) (this.pos += 2), (lookaround = true);
        else if (head === '?<=' || head === '?<!') (this.pos += 3), (lookaround = true);
        else if (head.startsWith('?<')) this.pos = this.s.indexOf('>', this.pos) + 1;
        else throw new Error('unsupported group');
      }
      const inner = this.alternation();
      if (this.s[this.pos] !== ')') throw new Error('unbalanced');
      this.pos++;
      return lookaround ? { kind: 'zero-width' } : { kind: 'group', need: inner.need, exact: inner.exact };
    }
    if (c === '[') {
      this.pos++;
      if (this.s[this.pos] === '^') this.pos++;
      if (this.s[this.pos] === ']') this.pos++;
      while (this.pos < this.s.length && this.s[this.pos] !== ']') this.pos += this.s[this.pos] === '\\' ? 2 : 1;
      this.pos++;
      return { kind: 'other' };
    }
    if (c === '\\') {
      const e = this.s[this.pos + 1];
      this.pos += 2;
      if (e === 'b' || e === 'B') return { kind: 'zero-width' };
      // Without the u flag, \d is exactly the ten ASCII digits.
      if (e === 'd') return { kind: 'group', need: DIGITS, exact: DIGITS };
      // Escapes that go on (\x41, \u0041, \cJ, \12, \k<name>) are beyond this reader.
      if (/[xuck0-9]/.test(e)) throw new Error('unsupported escape');
      if (/[DwWsSnrtfvpP]/.test(e)) return { kind: 'other' };
      return this.char(e);
    }
    this.pos++;
    if (c === '^' || c === '$') return { kind: 'zero-width' };
    if (c === '.') return { kind: 'other' };
    return this.char(c);
  }

  private char(c: string): Atom {
    const k = this.foldCase ? c.toLowerCase() : c;
    return { kind: 'group', need: [k], exact: [k] };
  }

  /** none | optional (may be absent) | repeat (present, possibly repeated). */
  private quantifier(): 'none' | 'optional' | 'repeat' {
    const c = this.s[this.pos];
    let kind: 'none' | 'optional' | 'repeat' = 'none';
    if (c === '?' || c === '*') (kind = 'optional'), this.pos++;
    else if (c === '+') (kind = 'repeat'), this.pos++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        kind = Number(m[1]) === 0 ? 'optional' : m[2] !== undefined || Number(m[1]) > 1 ? 'repeat' : 'none';
      }
    }
    if (kind !== 'none' && this.s[this.pos] === '?') this.pos++;
    return kind;
  }
}

/** Every string of `a` followed by every string of `b`, or null when there would be too many. */
function product(a: string[], b: string[]): string[] | null {
  // Appending one string keeps distinct strings distinct (the common case: one character).
  if (b.length === 1) return a.map(x => x + b[0]);
  if (a.length * b.length > MAX_EXACT) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return [...new Set(out)];
}

function shortest(alternatives: string[]): number {
  return Math.min(...alternatives.map(a => a.length));
}
