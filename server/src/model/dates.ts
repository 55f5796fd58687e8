// Dates a policy states about itself: when it takes effect and when it was
// last updated. Other dates (a statute's, a transfer framework's) are kept
// with role `other`; copyright lines are not policy dates at all.

import { isAsciiLetter, isJsSpace } from './characters';
import type { DateFact, Span } from './types';

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
/** The month names a date may be written with (full or abbreviated), longest first where one begins another. */
export const MONTH_NAMES = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const MONTH = `(${MONTH_NAMES.slice(3, -1)})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

// One scan finds every date shape; the named group tells which shape matched.
export const DATE_RE = new RegExp(
  [
    `(?<mdy>${MONTH}\\s+${DAY},?\\s+${YEAR})`,
    `(?<dmy>${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+${YEAR})`,
    `(?<iso>${YEAR}-(\\d{1,2})-(\\d{1,2}))`,
    `(?<slash>(\\d{1,2})/(\\d{1,2})/${YEAR})`,
    `(?<dotted>(\\d{1,2})\\.(\\d{1,2})\\.${YEAR})`,
    `(?<my>${MONTH},?\\s+${YEAR})`,
  ].join('|'),
  'gi',
);
const DATE_AT_RE = new RegExp(DATE_RE.source, 'iy');
// Every date shape holds a digit, and what precedes the first digit of a
// date is either nothing (it starts with the day or the year) or a month name
// followed by an optional "." and ",", and white space. So DATE_RE is tried
// only at each digit and at the month names that can end right before one:
// the same first match, without trying the shapes at every month-like word
// ("may", "decide", "market") of the text.
const DIGIT_RE = /[0-9]/g;
/** The longest and shortest month names of MONTH. */
const MONTH_NAME_LENGTHS = { min: 3, max: 9 };

/** The next match of DATE_RE in text from `from` (what DATE_RE.exec finds from there), found by trying it only where a date can start. */
export function nextDate(text: string, from: number): RegExpExecArray | null {
  let floor = from;
  DIGIT_RE.lastIndex = from;
  for (let d = DIGIT_RE.exec(text); d; d = DIGIT_RE.exec(text)) {
    const digit = d.index;
    const nameEnd = monthNameEndBefore(text, digit, floor);
    if (nameEnd >= 0) {
      for (let at = Math.max(floor, nameEnd - MONTH_NAME_LENGTHS.max); at <= nameEnd - MONTH_NAME_LENGTHS.min; at++) {
        if (!isAsciiLetter(text.charCodeAt(at))) continue;
        DATE_AT_RE.lastIndex = at;
        const m = DATE_AT_RE.exec(text);
        if (m) return m;
      }
    }
    DATE_AT_RE.lastIndex = digit;
    const m = DATE_AT_RE.exec(text);
    if (m) return m;
    floor = digit + 1;
    DIGIT_RE.lastIndex = digit + 1;
  }
  return null;
}

/**
 * Where a run of ASCII letters ends that is followed by an optional ".", an
 * optional ",", white space and then the digit at `digit`; -1 if none (or it
 * ends before `floor`).
 */
function monthNameEndBefore(text: string, digit: number, floor: number): number {
  let i = digit;
  while (i > floor && isJsSpace(text.charCodeAt(i - 1))) i--;
  if (i === digit) return -1;
  if (i > floor && text.charCodeAt(i - 1) === 44) i--;
  if (i > floor && text.charCodeAt(i - 1) === 46) i--;
  return i > floor && isAsciiLetter(text.charCodeAt(i - 1)) ? i : -1;
}

const LAST_UPDATED_RE = /\b(?:last\s+)?(?:updated|revised|modified|amended|changed|reviewed)\b|\blast\s+update\b|\brevision\s+date\b|\bdate\s+of\s+(?:last\s+)?(?:revision|update)\b/gi;
const EFFECTIVE_RE = /\beffective\b|\bin\s+(?:force|effect)\b|\btakes?\s+effect\b|\bcomes?\s+into\s+(?:force|effect)\b/gi;
const COPYRIGHT_RE = /(?:©|\(c\)|\bcopyright\b)[^\n]{0,40}$/i;

/**
 * A date as found in a stretch of text, before the one rule that depends on
 * where the stretch lies in the policy: `alone` says the date stands alone on
 * its line, which makes a date of role `other` near the top the policy's date.
 */
export interface DateCandidate extends DateFact {
  alone: boolean;
}

/** How near the top (in characters) a date alone on its line is the policy's date ("# Privacy Policy\n\nSeptember 9, 2020"). */
const POLICY_DATE_WITHIN = 1500;

/** The role of a date found as `candidate` when it starts at `start` of the policy. */
export function placedDateRole(candidate: DateCandidate, start: number): DateFact['role'] {
  return candidate.role === 'other' && candidate.alone && start < POLICY_DATE_WITHIN ? 'effective' : candidate.role;
}


/**
 * The dates starting in [from, to) of `text`, except in `skip`. Reads the
 * line of each date and nothing of the lines before it; a date that spans
 * white space may run on past `to` (see facts.ts, which cuts the text where none can).
 */
export function findDateCandidates(text: string, from: number, to: number, skip: Span[]): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (let m = nextDate(text, from); m && m.index < to; m = nextDate(text, m.index + m[0].length)) {
    const start = m.index;
    const end = start + m[0].length;
    // Part of a longer number, a version or a path ("v2.1.3.2019", "10/12/2019/3").
    if (/[\d/.-]/.test(text[start - 1] ?? ' ') && /\d/.test(m[0][0])) continue;
    if (/\d/.test(text[end] ?? '') || (text[end] === '/' && /\d/.test(text[end + 1] ?? ''))) continue;
    if (skip.some(s => start >= s.start && start < s.end)) continue;
    const iso = isoOf(m);
    if (!iso) continue;
    const before = text.slice(Math.max(0, start - 80), start);
    if (COPYRIGHT_RE.test(before)) continue;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    // A kramdown attribute list ({: datetime="…" }) repeats the date written on the line above.
    if (/^\s*\{:/.test(text.slice(lineStart, start))) continue;
    const role = roleOf(before);
    out.push({ role, iso, span: { start, end }, alone: role === 'other' && isAloneOnLine(text, lineStart, end) });
  }
  return out;
}

function isoOf(m: RegExpExecArray): string | null {
  const g = m.groups ?? {};
  const parts = m.slice(1);
  let y: number, mo: number, d: number;
  const month = (name: string) => MONTHS[name.toLowerCase().replace('.', '')];
  if (g.mdy) {
    [mo, d, y] = [month(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if (g.dmy) {
    [d, mo, y] = [Number(parts[5]), month(parts[6]), Number(parts[7])];
  } else if (g.iso) {
    [y, mo, d] = [Number(parts[9]), Number(parts[10]), Number(parts[11])];
  } else if (g.slash) {
    const a = Number(parts[13]);
    const b = Number(parts[14]);
    // US order unless the first number cannot be a month.
    [mo, d] = a > 12 ? [b, a] : [a, b];
    y = Number(parts[15]);
  } else if (g.dotted) {
    [d, mo, y] = [Number(parts[17]), Number(parts[18]), Number(parts[19])];
  } else if (g.my) {
    [mo, d, y] = [month(parts[21]), 1, Number(parts[22])];
  } else return null;
  if (!mo || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isAloneOnLine(text: string, lineStart: number, end: number): boolean {
  const lineEnd = text.indexOf('\n', end);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  return /^[\s*_#>]*(?:dated:?\s*)?[\w ,./-]+[\s*_.]*$/i.test(line) && line.replace(/[\s*_#>]/g, '').length <= 24;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The nearest role word before the date, on the same line and within the same sentence. */
function roleOf(before: string): DateFact['role'] {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const sentenceStart = Math.max(line.search(/[.!?]\s+[^.!?]*$/), -1);
  const scope = sentenceStart >= 0 ? line.slice(sentenceStart + 1) : line;
  const updated = lastMatchEnd(scope, LAST_UPDATED_RE);
  const effective = lastMatchEnd(scope, EFFECTIVE_RE);
  if (updated < 0 && effective < 0) return 'other';
  // Too far from the date to be its label ("effective ... and other terms …, 2019").
  const nearest = Math.max(updated, effective);
  if (scope.length - nearest > 45) return 'other';
  return updated > effective ? 'last-updated' : 'effective';
}

function lastMatchEnd(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let end = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) end = m.index + m[0].length;
  return end;
}
