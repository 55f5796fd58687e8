import type { Block, Facts, Sentence } from './types';

/** Dates, ages, durations, addresses, defined terms and cross-references. */
export function extractFacts(text: string, _sentences: Sentence[], _blocks: Block[]): Facts {
  const emails = [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map(m => ({ start: m.index!, end: m.index! + m[0].length }));
  return { dates: [], ages: [], durations: [], emails, phones: [], definedTerms: [], crossReferences: [] };
}
