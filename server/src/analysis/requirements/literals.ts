// Reads, from a regular expression's source, literal strings of which at
// least one must occur in any text the expression matches. Evidence patterns
// are tested on every sentence of a policy for every requirement; a plain
// `includes` on these literals rules most sentences out before the regular
// expression runs at all.

/** Shorter literals rule out too little to be worth testing first. */
const MIN_LENGTH = 3;

type Need = string[] | null;

/** Lower-case literals, one of which every match contains; null when none can be read. */
export function requiredLiterals(source: string): string[] | null {
  try {
    const reader = new Reader(source);
    const need = reader.alternation();
    if (reader.pos !== source.length || !need || need.length === 0) return null;
    return shortest(need) >= MIN_LENGTH ? need : null;
  } catch {
    return null;
  }
}

/**
 * Sets of lower-case literals such that every match contains one literal of
 * each set (a pattern's words in sequence each narrow the sentences further);
 * null when none can be read.
 */
export function requiredLiteralSets(source: string): string[][] | null {
  try {
    const reader = new Reader(source);
    const sets = reader.sequenceNeeds().filter(c => shortest(c) >= MIN_LENGTH);
    if (reader.pos === source.length && sets.length) return sets;
  } catch {
    // Read as a single set below.
  }
  const one = requiredLiterals(source);
  return one ? [one] : null;
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  alternation(): Need {
    const alternatives: Need[] = [this.sequence()];
    while (this.s[this.pos] === '|') {
      this.pos++;
      alternatives.push(this.sequence());
    }
    if (alternatives.some(a => a === null)) return null;
    return [...new Set(alternatives.flatMap(a => a!))];
  }

  private sequence(): Need {
    const candidates = this.sequenceNeeds();
    const useful = candidates.filter(c => shortest(c) >= MIN_LENGTH);
    if (useful.length === 0) return candidates.length ? candidates.sort((a, b) => shortest(b) - shortest(a))[0] : null;
    // Fewest alternatives first (each is one scan of the document), then the longest.
    return useful.sort((a, b) => a.length - b.length || shortest(b) - shortest(a))[0];
  }

  /** For each part of a sequence that every match holds, the literals one of which it contains. */
  sequenceNeeds(): string[][] {
    const candidates: string[][] = [];
    let run = '';
    const endRun = () => {
      if (run) candidates.push([run]);
      run = '';
    };
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'char') {
        if (q === 'optional') {
          endRun();
        } else {
          run += atom.char;
          if (q === 'repeat') endRun();
        }
      } else if (atom.kind === 'zero-width') {
        // \b, ^, $ and lookarounds consume nothing: a literal runs across them.
      } else {
        endRun();
        if (atom.kind === 'group' && atom.need && q !== 'optional') candidates.push(atom.need);
      }
    }
    endRun();
    return candidates;
  }

  private atom(): { kind: 'char'; char: string } | { kind: 'zero-width' } | { kind: 'other' } | { kind: 'group'; need: Need } {
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
      const need = this.alternation();
      if (this.s[this.pos] !== ')') throw new Error('unbalanced');
      this.pos++;
      return lookaround ? { kind: 'zero-width' } : { kind: 'group', need };
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
      if (/[dDwWsSnrtfv0-9pPuxck]/.test(e)) return { kind: 'other' };
      return { kind: 'char', char: e.toLowerCase() };
    }
    this.pos++;
    if (c === '^' || c === '$') return { kind: 'zero-width' };
    if (c === '.') return { kind: 'other' };
    return { kind: 'char', char: c.toLowerCase() };
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

function shortest(alternatives: string[]): number {
  return Math.min(...alternatives.map(a => a.length));
}
