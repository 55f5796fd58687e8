// Finds, in one pass over a text, every occurrence of many short literals
// (Aho–Corasick), compared the way a case-insensitive Unicode regular
// expression compares characters. The phrase, conflict and hygiene checks use
// it to learn which sentences could match a pattern before running it: one
// scan of the document replaces a regular expression per pattern per sentence.

/**
 * The character a regular expression with flags `iu` treats `code` as, for
 * the literals this scanner looks for: lower case, and "ſ" (U+017F) as "s",
 * the one character outside ASCII that such a pattern matches to an ASCII
 * letter without lower-casing to it (the Kelvin sign lower-cases to "k").
 */
export function foldCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let f = FOLDED[code];
  if (f === 0) {
    const lower = String.fromCharCode(code).toLowerCase();
    f = code === 0x17f ? 0x73 : lower.length === 1 ? lower.charCodeAt(0) : code;
    FOLDED[code] = f;
  }
  return f;
}

// Filled on first use of each UTF-16 unit (0 = not yet read).
const FOLDED = new Uint16Array(65536);

/** The literal folded as the text is; undefined when a case-insensitive match could hold a character this fold does not reach. */
export function foldedLiteral(literal: string): string | undefined {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const code = literal.charCodeAt(i);
    // Outside ASCII only characters without case (quotes, dashes, symbols):
    // letters may have case variants under Unicode case folding that
    // lower-casing does not produce.
    if (code >= 128 && (CASED.test(literal[i]) || literal[i].toUpperCase() !== literal[i] || literal[i].toLowerCase() !== literal[i])) return undefined;
    out += String.fromCharCode(foldCode(code));
  }
  return out.length ? out : undefined;
}

const CASED = /[\p{L}\p{M}\p{Nl}\p{So}\p{Sk}]|[\ud800-\udfff]/u;

/** Where a scan of part of a text writes the occurrences outside any sentence's own scan. */
export interface TextTarget {
  inText: Uint8Array;
  recordStarts: Uint8Array;
  starts: number[];
  startIds: number[];
}

/**
 * What a scan of one sentence's text on its own finds: what the sentence's
 * memo keeps, relative to its start, so that it serves wherever the sentence
 * moves (literalFilter.ts puts the sentences of a document back together).
 */
export interface AloneScan {
  /** Bit (id & 31) of word (id >> 5) for each literal that occurs (then words of the caller's); null when none does. */
  readonly row: Uint32Array | null;
  /** Offset (from the text's start) and id of each occurrence of a recorded literal, in pairs, in order of their ends. */
  readonly starts: Int32Array;
  /** The state after the text, in stored form (never negative). */
  readonly endState: number;
}

const NO_STARTS = new Int32Array(0);
// What most sentences hold, shared.
const NOTHING_FOUND: AloneScan = Object.freeze({ row: null, starts: NO_STARTS, endState: 0 });

/** Returned by catchUp when the scan has come to read what the segment's own scan read. */
export const CAUGHT_UP = -1;

export class LiteralAutomaton {
  /**
   * Symbol of each UTF-16 unit, folded: 0 for a character no literal holds
   * (it sends the automaton back to its root). Outside ASCII a unit can only
   * be a caseless literal character itself, "ſ" or the Kelvin sign.
   */
  private readonly symbols = new Uint16Array(65536);
  private readonly alphabet: number;
  /**
   * Transitions: at state s (stored as s * alphabet, so that the next lookup
   * needs no multiplication) on symbol x, delta[s * alphabet + x]; negative
   * when the next state ends a literal (the one test the scan makes per
   * character). States are numbered breadth first: the shallow states a scan
   * spends most of its time in share a few cache lines.
   */
  private readonly delta: Int32Array;
  /** Literal ids ending at each state: outIds[outStart[s]] up to outIds[outStart[s + 1]]. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  /** The length of each literal, by id. */
  readonly lengths: Int32Array;
  /** How many characters each state has read of a literal (by state number, not stored form). */
  private readonly depths: Int32Array;

  /** `literals` already folded (see foldedLiteral), each id its index. */
  constructor(readonly literals: readonly string[]) {
    this.lengths = Int32Array.from(literals, l => l.length);
    const symbolOfFolded = new Map<number, number>();
    for (const l of literals) for (let i = 0; i < l.length; i++) if (!symbolOfFolded.has(l.charCodeAt(i))) symbolOfFolded.set(l.charCodeAt(i), symbolOfFolded.size + 1);
    for (const [folded, sym] of symbolOfFolded) this.symbols[folded] = sym;
    for (let c = 65; c <= 90; c++) this.symbols[c] = this.symbols[c + 32];
    this.symbols[0x17f] = this.symbols[foldCode(0x17f)];
    this.symbols[0x212a] = this.symbols[foldCode(0x212a)];
    const A = (this.alphabet = symbolOfFolded.size + 1);

    // The trie (symbol 0 has no child: it leads back to the root).
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (let id = 0; id < literals.length; id++) {
      const l = literals[id];
      let s = 0;
      for (let i = 0; i < l.length; i++) {
        const sym = symbolOfFolded.get(l.charCodeAt(i))!;
        let t = children[s].get(sym);
        if (t === undefined) {
          children[s].set(sym, (t = children.length));
          children.push(new Map());
          own.push([]);
        }
        s = t;
      }
      own[s].push(id);
    }

    // Breadth-first order, then failure links and full transitions in it.
    const order: number[] = [0];
    const depthOf = [0];
    for (let q = 0; q < order.length; q++) {
      for (const t of children[order[q]].values()) {
        order.push(t);
        depthOf.push(depthOf[q] + 1);
      }
    }
    const states = order.length;
    this.depths = Int32Array.from(depthOf);
    const rank = new Int32Array(states);
    order.forEach((s, r) => (rank[s] = r));
    const next = new Int32Array(states * A);
    const fail = new Int32Array(states);
    const outputs: number[][] = [];
    for (let r = 0; r < states; r++) {
      const s = order[r];
      outputs[r] = own[s].slice();
      if (r > 0) for (const id of outputs[fail[r]]) if (!outputs[r].includes(id)) outputs[r].push(id);
      for (let sym = 1; sym < A; sym++) {
        const t = children[s].get(sym);
        if (t !== undefined) {
          const tr = rank[t];
          fail[tr] = r === 0 ? 0 : next[fail[r] * A + sym];
          next[r * A + sym] = tr;
        } else next[r * A + sym] = r === 0 ? 0 : next[fail[r] * A + sym];
      }
    }
    for (let k = 0; k < next.length; k++) next[k] = outputs[next[k]].length ? -next[k] * A : next[k] * A;
    this.delta = next;
    this.outStart = new Int32Array(states + 1);
    for (let r = 0; r < states; r++) this.outStart[r + 1] = this.outStart[r] + outputs[r].length;
    this.outIds = new Int32Array(this.outStart[states]);
    for (let r = 0; r < states; r++) this.outIds.set(outputs[r], this.outStart[r]);
  }

  /**
   * Scans [from, to) of `text` from the root: every occurrence within it,
   * offsets relative to `from`. A row has `rowLength` words: those after the
   * first `words` are the caller's.
   */
  scanAlone(text: string, from: number, to: number, words: number, rowLength: number, recordStarts: Uint8Array): AloneScan {
    const { delta, outStart, outIds, symbols, alphabet, lengths } = this;
    let row: Uint32Array | null = null;
    let starts: number[] | null = null;
    let state = 0;
    for (let i = from; i < to; i++) {
      state = delta[state + symbols[text.charCodeAt(i)]];
      if (state >= 0) continue;
      state = -state;
      const at = state / alphabet;
      const last = outStart[at + 1];
      for (let k = outStart[at]; k < last; k++) {
        const id = outIds[k];
        (row ??= new Uint32Array(rowLength))[id >> 5] |= 1 << (id & 31);
        if (recordStarts[id]) (starts ??= []).push(i + 1 - from - lengths[id], id);
      }
    }
    if (!row && !starts && state === 0) return NOTHING_FOUND;
    return { row, starts: starts ? new Int32Array(starts) : NO_STARTS, endState: state };
  }

  /**
   * Continues a scan of `text` in state `state` over [from, to), writing
   * every occurrence that ends there to `target` (a stretch no sentence
   * holds); returns the state at `to`.
   */
  scanBetween(text: string, from: number, to: number, state: number, target: TextTarget): number {
    const { delta, outStart, outIds, symbols, alphabet, lengths } = this;
    for (let i = from; i < to; i++) {
      state = delta[state + symbols[text.charCodeAt(i)]];
      if (state >= 0) continue;
      state = -state;
      const at = state / alphabet;
      const end = i + 1;
      const last = outStart[at + 1];
      for (let k = outStart[at]; k < last; k++) this.found(outIds[k], end - lengths[outIds[k]], target);
    }
    return state;
  }

  /**
   * Continues a scan in state `state` into a segment [from, to) that was
   * scanned on its own (scanAlone), writing to `target` the occurrences that
   * began before it, which its own scan could not see. Once the literal the
   * state has begun lies within the segment, the state is the one the
   * segment's own scan was in there, and nothing further can begin before
   * `from`: returns CAUGHT_UP then (the state at `to` is the own scan's end
   * state), else the state at `to`.
   */
  catchUp(text: string, from: number, to: number, state: number, target: TextTarget): number {
    const { delta, outStart, outIds, symbols, alphabet, lengths, depths } = this;
    if (state === 0) return CAUGHT_UP;
    for (let i = from; i < to; i++) {
      state = delta[state + symbols[text.charCodeAt(i)]];
      const output = state < 0;
      if (output) state = -state;
      const at = state / alphabet;
      const end = i + 1;
      if (output) {
        const last = outStart[at + 1];
        for (let k = outStart[at]; k < last; k++) {
          const start = end - lengths[outIds[k]];
          if (start < from) this.found(outIds[k], start, target);
        }
      }
      if (depths[at] <= end - from) return CAUGHT_UP;
    }
    return state;
  }

  private found(id: number, start: number, target: TextTarget): void {
    target.inText[id] = 1;
    if (target.recordStarts[id]) {
      target.starts.push(start);
      target.startIds.push(id);
    }
  }
}
