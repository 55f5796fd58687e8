// Ages ("under the age of 13") and durations ("within 90 days", "up to 7
// years") stated in a policy.

import type { AgeFact, DurationFact } from './types';

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, 'twenty-one': 21,
  thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90,
};
const NUMBER = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})(?:\\s*\\(\\d{1,4}\\))?`;

const AGE_RE = new RegExp(
  [
    `\\b(?:under|below|younger\\s+than|less\\s+than|over|above|older\\s+than|at\\s+least)\\s+(?:the\\s+age\\s+of\\s+|age\\s+)?${NUMBER}(?:\\s+years?(?:\\s+of\\s+age|\\s+old)?)?`,
    `\\b(?:aged?|age\\s+of)\\s+${NUMBER}(?:\\s+(?:years?(?:\\s+old)?|or\\s+(?:under|younger|older|over|above|below)|and\\s+(?:under|older|over|up|above|below)))*`,
    `\\b${NUMBER}\\s+(?:years?\\s+(?:of\\s+age|old)|(?:years?\\s+)?(?:or|and)\\s+(?:under|younger|older|over|up|above|below))`,
  ].join('|'),
  'gi',
);
const NOT_AN_AGE_AFTER_RE = /^\s*(?:\(\d+\)\s*)?(?:days?|weeks?|months?|hours?|minutes?|seconds?|years?(?!\s+(?:of\s+age|old))|%|percent|U\.S\.C|USC|CFR|people|persons|users|employees|individuals|million|billion|thousand|MB|GB|KB|kb|mb|gb)\b/i;
const AGE_CONTEXT_RE = /\b(?:child\w*|kids?|minors?|teen\w*|age[sd]?|old|young\w*|parent\w*|guardian\w*|COPPA|birth\w*|adults?|juveniles?|students?)\b/i;
const CHILDREN_RE = /\b(?:child\w*|kids?|minors?|teen\w*|COPPA|parent\w*|guardian\w*|juveniles?|young\s+people)\b/i;

const UNIT = '(?:calendar\\s+|business\\s+|working\\s+)?(days?|weeks?|months?|years?)';
const DURATION_RE = new RegExp(
  [
    `\\b(?:within|for|up\\s+to|after|at\\s+least|at\\s+most|no\\s+(?:more|longer|later)\\s+than|not\\s+(?:more|longer|later)\\s+than|not\\s+exceeding|(?:a\\s+)?(?:maximum|minimum|period|total)\\s+of|approximately|about|over|more\\s+than|less\\s+than|in\\s+excess\\s+of|exceeding|until|following)\\s+(?:(?:a|the)\\s+(?:period\\s+of\\s+)?)?${NUMBER}\\s+${UNIT}`,
    `\\b${NUMBER}\\s+${UNIT}(?=\\s+(?:after|from|of|following|period|since|before|prior))`,
    `\\b(\\d{1,4})[\\s-](day|week|month|year)\\b(?=\\s+(?:period|retention|window|term))`,
  ].join('|'),
  'gi',
);
const DAYS_PER: Record<DurationFact['unit'], number> = { day: 1, week: 7, month: 30, year: 365 };

/** An age found in a sentence, its span relative to the sentence's start. */
export type SentenceAge = AgeFact;
/** A duration found in a sentence, its span relative to the sentence's start (without the sentence). */
export type SentenceDuration = Omit<DurationFact, 'sentence'>;

// What a sentence must hold to state an age or a duration at all: most
// sentences hold neither, and these tests cost less than the full patterns.
const MAY_STATE_AGE_RE = /[0-9]|t(?:een|wenty)/i;
const MAY_STATE_DURATION_RE = /\b(?:day|week|month|year)s?\b/i;

export function mayStateAge(sentence: string): boolean {
  return MAY_STATE_AGE_RE.test(sentence);
}

export function mayStateDuration(sentence: string): boolean {
  return MAY_STATE_DURATION_RE.test(sentence);
}

/** The ages a sentence states, read from its text alone. */
export function agesIn(s: string): SentenceAge[] {
  const out: SentenceAge[] = [];
  AGE_RE.lastIndex = 0;
  for (let m = AGE_RE.exec(s); m; m = AGE_RE.exec(s)) {
    const numberText = m.slice(1).find(g => g !== undefined);
    if (!numberText) continue;
    const age = toNumber(numberText);
    if (age === undefined || age < 1 || age > 25) continue;
    const explicit = /\bage\b|\baged\b|years?\s+(?:of\s+age|old)|\b(?:or|and)\s+(?:under|younger|older|over|up|above|below)\b/i.test(m[0]);
    const holder = /\b(?:users?|individuals?|persons?|people|anyone|consumers?|those|visitors?|residents?|customers?)\s+$/i.test(s.slice(Math.max(0, m.index - 20), m.index));
    if (!explicit && !holder) {
      if (NOT_AN_AGE_AFTER_RE.test(s.slice(m.index + m[0].length))) continue;
      if (!AGE_CONTEXT_RE.test(s)) continue;
    }
    // "under the age of 16" speaks of minors even when the sentence says "individuals".
    const minorThreshold = age <= 18 && /^(?:under|below|younger|less)/i.test(m[0]);
    out.push({ age, span: { start: m.index, end: m.index + trimEnd(m[0]) }, aboutChildren: CHILDREN_RE.test(s) || minorThreshold });
  }
  return out;
}

/** The durations a sentence states, read from its text alone. */
export function durationsIn(s: string): SentenceDuration[] {
  const out: SentenceDuration[] = [];
  DURATION_RE.lastIndex = 0;
  for (let m = DURATION_RE.exec(s); m; m = DURATION_RE.exec(s)) {
    const groups = m.slice(1).filter(g => g !== undefined);
    const amount = toNumber(groups[0]);
    const unit = groups[1]?.toLowerCase().replace(/s$/, '') as DurationFact['unit'] | undefined;
    if (amount === undefined || !unit || !(unit in DAYS_PER)) continue;
    // "13 years of age" is an age.
    if (unit === 'year' && /^\s*(?:of\s+age|old)\b/i.test(s.slice(m.index + m[0].length))) continue;
    out.push({ amount, unit, days: amount * DAYS_PER[unit], span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}


function toNumber(word: string): number | undefined {
  const w = word.toLowerCase().trim();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w];
}

function trimEnd(s: string): number {
  let n = s.length;
  while (n > 0 && /\s/.test(s[n - 1])) n--;
  return n;
}

