import type { PolicyDocument, Sentence } from '../../model/types';

/** The sentence that holds an offset, by binary search over the sentences in text order. */
export function sentenceAt(doc: PolicyDocument, offset: number): Sentence | undefined {
  const list = doc.sentences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (offset < s.span.start) hi = mid - 1;
    else if (offset >= s.span.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
