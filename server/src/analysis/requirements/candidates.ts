import type { PolicyDocument } from '../../model/types';
import type { CompiledPattern } from './patterns';

/** An evidence clause's text patterns, compiled. */
export interface CompiledClause {
  all?: CompiledPattern[];
  any?: CompiledPattern[];
  not?: CompiledPattern[];
}

/**
 * Which sentences of a document could match a pattern, read from the
 * literals every match must contain (one of each of its literal sets), shared by every pattern and requirement,
 * instead of running each regular expression on each sentence. Literals are
 * found through an index of the document's three-character substrings, built
 * once: a policy has thousands of distinct literals, and scanning the whole
 * text for each one was most of the time the requirements check took.
 */
export class SentenceCandidates {
  private readonly joined: string;
  private readonly starts: number[] = [];
  /** The sentence each offset of `joined` belongs to. */
  private readonly sentenceAt: Int32Array;
  private readonly grams: TrigramIndex;
  /** The sentences holding each literal, ascending. */
  private readonly byLiteral = new Map<string, number[]>();
  /** By pattern id; null when the pattern's literals cannot tell. */
  private readonly byPattern: (Uint8Array | null | undefined)[] = [];

  constructor(lowerTexts: readonly string[]) {
    let at = 0;
    for (const t of lowerTexts) {
      this.starts.push(at);
      at += t.length + 1;
    }
    // Normalised sentences hold no line breaks, so no literal spans two sentences.
    this.joined = lowerTexts.join('\n');
    this.sentenceAt = new Int32Array(this.joined.length);
    for (let s = 0; s < this.starts.length; s++) {
      const end = s + 1 < this.starts.length ? this.starts[s + 1] : this.joined.length;
      this.sentenceAt.fill(s, this.starts[s], end);
    }
    this.grams = new TrigramIndex(this.joined);
  }

  get size(): number {
    return this.starts.length;
  }

  /** Sentences that may match the pattern (1 = may), or null when its literals cannot tell. */
  forPattern(pattern: CompiledPattern): Uint8Array | null {
    const known = this.byPattern[pattern.id];
    if (known !== undefined) return known;
    let out: Uint8Array | null = null;
    for (const set of pattern.literalSets ?? []) {
      const any = new Uint8Array(this.size);
      for (const l of set) for (const sentence of this.forLiteral(l)) any[sentence] = 1;
      out = out ? andInto(out, any) : any;
    }
    this.byPattern[pattern.id] = out;
    return out;
  }

  /** Sentences that may satisfy the clause's `all` and `any` patterns, or null for every sentence. */
  forClause(clause: CompiledClause): Uint8Array | null {
    let out: Uint8Array | null = null;
    for (const p of clause.all ?? []) {
      const c = this.forPattern(p);
      if (c) out = out ? andInto(out.slice(), c) : c;
    }
    if (clause.any?.length) {
      const union = new Uint8Array(this.size);
      let known = true;
      for (const p of clause.any) {
        const c = this.forPattern(p);
        if (!c) {
          known = false;
          break;
        }
        orInto(union, c);
      }
      if (known) out = out ? andInto(out.slice(), union) : union;
    }
    return out;
  }

  private forLiteral(literal: string): number[] {
    let hits = this.byLiteral.get(literal);
    if (hits) return hits;
    hits = [];
    const add = (sentence: number) => {
      if (hits!.length === 0 || hits![hits!.length - 1] !== sentence) hits!.push(sentence);
    };
    if (literal.length < GRAM) {
      for (let i = this.joined.indexOf(literal); i >= 0; i = this.joined.indexOf(literal, i + 1)) add(this.sentenceAt[i]);
    } else {
      // Every occurrence of the literal holds each of its trigrams: verify the
      // places of its rarest one (in ascending order, so sentences come in order).
      const { offset, from, to } = this.grams.rarestIn(literal);
      const positions = this.grams.positions;
      for (let j = from; j < to; j++) {
        const start = positions[j] - offset;
        if (start >= 0 && this.joined.startsWith(literal, start)) add(this.sentenceAt[start]);
      }
    }
    this.byLiteral.set(literal, hits);
    return hits;
  }
}

const GRAM = 3;
/** Buckets of the trigram index; a bucket may hold several trigrams (collisions only cost a verification). */
const BUCKET_BITS = 14;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

function bucketOf(text: string, at: number): number {
  return (text.charCodeAt(at) * 961 + text.charCodeAt(at + 1) * 31 + text.charCodeAt(at + 2)) & BUCKET_MASK;
}

/** The offsets of every three-character substring of a text, grouped by bucket in ascending order. */
class TrigramIndex {
  /** Offsets, bucket after bucket; bucket b is positions[bounds[b]] up to positions[bounds[b + 1]]. */
  readonly positions: Int32Array;
  private readonly bounds: Int32Array;

  constructor(text: string) {
    const count = Math.max(0, text.length - GRAM + 1);
    const bucketAt = new Uint16Array(count);
    const bounds = new Int32Array((1 << BUCKET_BITS) + 1);
    for (let i = 0; i < count; i++) bounds[(bucketAt[i] = bucketOf(text, i)) + 1]++;
    for (let b = 1; b < bounds.length; b++) bounds[b] += bounds[b - 1];
    const next = bounds.slice(0, -1);
    const positions = new Int32Array(count);
    for (let i = 0; i < count; i++) positions[next[bucketAt[i]]++] = i;
    this.positions = positions;
    this.bounds = bounds;
  }

  /** The trigram of the literal (by offset in it) whose bucket holds the fewest places. */
  rarestIn(literal: string): { offset: number; from: number; to: number } {
    let best = { offset: 0, from: 0, to: Number.MAX_SAFE_INTEGER };
    for (let k = 0; k + GRAM <= literal.length; k++) {
      const b = bucketOf(literal, k);
      const from = this.bounds[b];
      const to = this.bounds[b + 1];
      if (to - from < best.to - best.from) best = { offset: k, from, to };
    }
    return best;
  }
}

const memo = new WeakMap<PolicyDocument, SentenceCandidates>();

export function candidatesOf(doc: PolicyDocument, lowerTexts: () => string[]): SentenceCandidates {
  let c = memo.get(doc);
  if (!c) memo.set(doc, (c = new SentenceCandidates(lowerTexts())));
  return c;
}

function orInto(into: Uint8Array, from: Uint8Array): Uint8Array {
  for (let i = 0; i < into.length; i++) into[i] |= from[i];
  return into;
}

function andInto(into: Uint8Array, from: Uint8Array): Uint8Array {
  for (let i = 0; i < into.length; i++) into[i] &= from[i];
  return into;
}
