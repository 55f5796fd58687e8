// What the sentence-level rules (phrase rules, phrase conflicts, ages,
// promised definitions) found in a sentence, kept by the sentence's text.
// Re-analysis after a keystroke finds the same sentences again; each rule then
// reads what it found last time instead of running its patterns again. A
// result depends on the sentence's text alone and holds offsets relative to
// the sentence's start, so it serves wherever the sentence moved to.

import { SentenceMemo } from '../../model/sentenceMemo';
import type { PolicyDocument, Sentence } from '../../model/types';

/** One slot per rule, filled when the rule first reads the sentence. */
type SentenceRecord = unknown[];

// Only sentences some rule could match are kept (most sentences are ruled out
// by their words, which costs nothing to find again). The entry bound still
// leaves room for every sentence of a 3 MB policy: a least-recently-used memo
// smaller than the document would miss on all of them, in order.
const memo = new SentenceMemo<SentenceRecord>(60_000, 8_000_000);
const perDocument = new WeakMap<PolicyDocument, (SentenceRecord | undefined)[]>();
let slots = 0;

/** A new slot for one rule's per-sentence results (taken once per compiled rule). */
export function newResultSlot(): number {
  return slots++;
}

/**
 * The result of `compute(sentence.text)` for a rule's slot, remembered by the
 * sentence's text. `compute` must read nothing but the text it is given.
 */
export function sentenceResult<T>(doc: PolicyDocument, sentence: Sentence, slot: number, compute: (text: string) => T): T {
  let records = perDocument.get(doc);
  if (!records) perDocument.set(doc, (records = []));
  let record = records[sentence.index];
  if (!record) {
    record = memo.get(sentence.text);
    if (!record) {
      record = [];
      memo.set(sentence.text, record);
    }
    records[sentence.index] = record;
  }
  if (slot in record) return record[slot] as T;
  const value = compute(sentence.text);
  record[slot] = value;
  return value;
}
