// Finds, in one pass over a text, which of many literals it contains (an
// Aho–Corasick automaton, built once per knowledge load). The requirements
// patterns hold about a thousand literals; looking for each one in each
// sentence separately would cost far more than the patterns themselves.

/** A literal to find, with the numbers reported when it is found. */
export interface ScannedLiteral {
  text: string;
  payload: readonly number[];
}

export class LiteralScanner {
  /** Automaton states × alphabet classes: the state after reading a character. */
  private readonly next: Uint16Array | Int32Array;
  private readonly width: number;
  /** Alphabet class of each UTF-16 code unit (0: in no literal, so the automaton restarts). */
  private readonly classOf: Uint8Array | Uint16Array;
  /** The payloads of every literal that ends at a state, itself or as a suffix: payloads[ends[s]] up to payloads[ends[s + 1]]. */
  private readonly ends: Int32Array;
  private readonly payloads: Int32Array;
  /** The scan in which each state last reported its literals. */
  private readonly reported: Int32Array;
  private stamp = 0;

  /**
   * `foldCase`: the literals are lower-case and must be found whatever the
   * case of the text, as a case-insensitive regular expression (without the
   * u flag) compares characters: by their upper case, never taking a
   * non-ASCII character for an ASCII one.
   */
  constructor(literals: readonly ScannedLiteral[], foldCase: boolean) {
    // Classes by character, or, folding case, by the character's canonical upper case.
    const keyOf = foldCase ? canonical : (u: number) => u;
    const classes = new Map<number, number>();
    const classOfUnit = (u: number) => {
      const key = keyOf(u);
      let c = classes.get(key);
      if (c === undefined) classes.set(key, (c = classes.size + 1));
      return c;
    };
    // The trie: children per state by class; literals ending at each state.
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (const literal of literals) {
      if (literal.text.length === 0) throw new Error('an empty literal matches everywhere');
      let s = 0;
      for (let i = 0; i < literal.text.length; i++) {
        const c = classOfUnit(literal.text.charCodeAt(i));
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          own.push([]);
          children[s].set(c, t);
        }
        s = t;
      }
      own[s].push(...literal.payload);
    }

    const width = classes.size + 1;
    const states = children.length;
    const next = states < 0xffff ? new Uint16Array(states * width) : new Int32Array(states * width);
    const fail = new Int32Array(states);
    const merged: number[][] = own.map(p => [...new Set(p)]);
    // Breadth first, so a state's failure state is complete before the state.
    const queue: number[] = [];
    for (const [c, t] of children[0]) {
      next[c] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const f = fail[s];
      if (merged[f].length) merged[s] = [...new Set([...merged[s], ...merged[f]])];
      for (let c = 0; c < width; c++) {
        const t = children[s].get(c);
        if (t === undefined) next[s * width + c] = next[f * width + c];
        else {
          fail[t] = next[f * width + c];
          next[s * width + c] = t;
          queue.push(t);
        }
      }
    }
    // Class 0 (a character in no literal) leads every state back to the root, as the root's own row says.

    const ends = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) ends[s + 1] = ends[s] + merged[s].length;
    const payloads = new Int32Array(ends[states]);
    for (let s = 0; s < states; s++) payloads.set(merged[s], ends[s]);

    const classOf = width < 256 ? new Uint8Array(0x10000) : new Uint16Array(0x10000);
    if (foldCase) {
      // Every code unit whose canonical form is that of a literal's character. A
      // non-ASCII unit never has an ASCII canonical form: past 127, only literals
      // with non-ASCII characters need the (slower) full sweep.
      const last = [...classes.keys()].some(k => k >= 128) ? 0xffff : 127;
      for (let u = 0; u <= last; u++) {
        const c = classes.get(canonical(u));
        if (c !== undefined) classOf[u] = c;
      }
    } else {
      for (const [unit, c] of classes) classOf[unit] = c;
    }
    this.next = next;
    this.width = width;
    this.classOf = classOf;
    this.ends = ends;
    this.payloads = payloads;
    this.reported = new Int32Array(states);
  }

  /**
   * Calls `found` with the payload of each literal the text contains. Each
   * state of the automaton reports its literals once per scan: a common word
   * that occurs ten times in a sentence is reported once.
   */
  scan(text: string, found: (payload: number) => void): void {
    const { next, width, classOf, ends, payloads, reported } = this;
    const stamp = ++this.stamp;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = next[s * width + classOf[text.charCodeAt(i)]];
      const from = ends[s];
      const to = ends[s + 1];
      if (from === to || reported[s] === stamp) continue;
      reported[s] = stamp;
      for (let k = from; k < to; k++) found(payloads[k]);
    }
  }
}

/** How a case-insensitive regular expression without the u flag compares a character (ECMA-262 Canonicalize). */
function canonical(unit: number): number {
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const cu = upper.charCodeAt(0);
  if (unit >= 128 && cu < 128) return unit;
  return cu;
}
