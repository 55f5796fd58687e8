// What the sentence-level rules (phrase rules, phrase conflicts, ages,
// promised definitions) found in a sentence, kept by the sentence's text.
// Re-analysis after a keystroke finds the same sentences again; each rule then
// reads what it found last time instead of running its patterns again. A
// result depends on the sentence's text alone and holds offsets relative to
// the sentence's start, so it serves wherever the sentence moved to.

import { SentenceMemo } from '../../model/sentenceMemo';
import type { PolicyDocument, Sentence } from '../../model/types';

/** One slot per rule, filled when the rule first reads the sentence. */
export type SentenceRecord = unknown[];

// Every sentence has a record: the literal scan (literalFilter.ts) keeps the
// literals each sentence holds in it, and the rules then find their slots
// without a second lookup. The entry bound leaves room for every sentence of
// a 3 MB policy: a least-recently-used memo smaller than the document would
// miss on all of them, in order.
const memo = new SentenceMemo<SentenceRecord>(60_000, 8_000_000);
const perDocument = new WeakMap<PolicyDocument, (SentenceRecord | undefined)[]>();
let slots = 0;

/** A new slot for one rule's per-sentence results (taken once per compiled rule). */
export function newResultSlot(): number {
  return slots++;
}

/**
 * The records of a document's sentences, by sentence index, filled as they
 * are read (see recordOf): what every rule of one analysis shares, so that a
 * sentence's text is looked up in the memo once per analysis.
 */
export function sentenceRecords(doc: PolicyDocument): (SentenceRecord | undefined)[] {
  let records = perDocument.get(doc);
  if (!records) perDocument.set(doc, (records = []));
  return records;
}

/** The record of `sentence` among `records` (those of its document), found by its text or made. */
export function recordOf(records: (SentenceRecord | undefined)[], sentence: Sentence): SentenceRecord {
  let record = records[sentence.index];
  if (!record) {
    record = memo.get(sentence.text);
    if (!record) {
      record = [];
      memo.set(sentence.text, record);
    }
    records[sentence.index] = record;
  }
  return record;
}

/**
 * The result of `compute(sentence.text)` for a rule's slot, remembered by the
 * sentence's text; `records` are those of its document (sentenceRecords).
 * `compute` must read nothing but the text it is given.
 */
export function resultIn<T>(records: (SentenceRecord | undefined)[], sentence: Sentence, slot: number, compute: (text: string) => T): T {
  const record = recordOf(records, sentence);
  if (slot in record) return record[slot] as T;
  const value = compute(sentence.text);
  record[slot] = value;
  return value;
}
