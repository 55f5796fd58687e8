import type { EvidenceClause } from '../../knowledge/files/requirements';
import type { PolicyDocument } from '../../model/types';
import { patternLiterals } from './patterns';

/**
 * Which sentences of a document could match a pattern, read from the
 * literals every match must contain: one `indexOf` scan of the document per
 * literal, shared by every pattern and requirement, instead of running each
 * regular expression on each sentence.
 */
export class SentenceCandidates {
  private readonly joined: string;
  private readonly starts: number[] = [];
  private readonly byLiteral = new Map<string, Uint8Array>();
  private readonly byPattern = new Map<string, Uint8Array | null>();

  constructor(lowerTexts: readonly string[]) {
    let at = 0;
    for (const t of lowerTexts) {
      this.starts.push(at);
      at += t.length + 1;
    }
    // Normalised sentences hold no line breaks, so no literal spans two sentences.
    this.joined = lowerTexts.join('\n');
  }

  get size(): number {
    return this.starts.length;
  }

  /** Sentences that may match the pattern (1 = may), or null when its literals cannot tell. */
  forPattern(source: string): Uint8Array | null {
    if (this.byPattern.has(source)) return this.byPattern.get(source)!;
    const literals = patternLiterals(source);
    let out: Uint8Array | null = null;
    if (literals) {
      out = new Uint8Array(this.size);
      for (const l of literals) orInto(out, this.forLiteral(l));
    }
    this.byPattern.set(source, out);
    return out;
  }

  /** Sentences that may satisfy the clause's `all` and `any` patterns, or null for every sentence. */
  forClause(clause: EvidenceClause): Uint8Array | null {
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

  private forLiteral(literal: string): Uint8Array {
    let hits = this.byLiteral.get(literal);
    if (hits) return hits;
    hits = new Uint8Array(this.size);
    let sentence = 0;
    for (let i = this.joined.indexOf(literal); i >= 0; i = this.joined.indexOf(literal, i + 1)) {
      while (sentence + 1 < this.size && this.starts[sentence + 1] <= i) sentence++;
      hits[sentence] = 1;
    }
    this.byLiteral.set(literal, hits);
    return hits;
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
