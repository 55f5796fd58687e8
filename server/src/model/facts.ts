// Facts a policy states: its dates, age thresholds, durations, contact
// addresses, defined terms and internal cross-references. Each finder lives
// in its own file; front matter is skipped (its declarations are read there).

import { findCrossReferences } from './crossReferences';
import { findDates } from './dates';
import { findDefinedTerms } from './definedTerms';
import { findEmails, findPhones } from './contacts';
import { findAges, findDurations } from './quantities';
import type { Block, Facts, Sentence, Span } from './types';

/** Dates, ages, durations, addresses, defined terms and cross-references. */
export function extractFacts(text: string, sentences: Sentence[], blocks: Block[]): Facts {
  const skip: Span[] = blocks.filter(b => b.kind === 'front-matter' || b.kind === 'code').map(b => b.span);
  const from = 0;
  const to = text.length;
  const guard = <T>(find: () => T[]): T[] => {
    try {
      return find();
    } catch {
      return [];
    }
  };
  return {
    dates: guard(() => findDates(text, from, to, skip)),
    ages: guard(() => findAges(sentences)),
    durations: guard(() => findDurations(sentences)),
    emails: guard(() => findEmails(text, from, to, skip)),
    phones: guard(() => findPhones(text, from, to, skip)),
    definedTerms: guard(() => findDefinedTerms(text, from, to, skip)),
    crossReferences: guard(() => findCrossReferences(text, from, to, skip)),
  };
}
