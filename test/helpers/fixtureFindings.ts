// Shared by the conflict, risk and hygiene tests: analyse a fixture policy and
// locate findings, related locations and quick-fix results by the words they sit on.
import * as assert from 'assert';
import * as fs from 'fs';
import { analyze } from '../../server/src/analysis';
import type { Finding, RawFinding, SpanFix } from '../../server/src/analysis/types';
import type { Range } from '../../server/src/model/types';
import { fixture } from './paths';

export const AS_OF = '2026-11-22';

export interface Analysed {
  text: string;
  findings: Finding[];
  raw: RawFinding[];
}

export function analyseText(text: string, ruleId: string, asOf = AS_OF): Analysed {
  const result = analyze(text, { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'], asOf });
  return { text, findings: result.findings.filter(f => f.ruleId === ruleId), raw: result.rawFindings.filter(f => f.ruleId === ruleId) };
}

export function analyseFixture(name: string, ruleId: string, asOf = AS_OF): Analysed {
  return analyseText(fs.readFileSync(fixture(name), 'utf8'), ruleId, asOf);
}

/** The LSP range of the `nth` occurrence of `words` in a text with LF line ends. */
export function rangeOf(text: string, words: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(words, at + 1);
    assert.ok(at >= 0, `“${words}” not found in the fixture`);
  }
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(at), end: pos(at + words.length) };
}

/** The line (0-based) of the first occurrence of `words`. */
export function lineOf(text: string, words: string): number {
  return rangeOf(text, words).start.line;
}

/** The text after applying a fix's edits (offsets into the original text). */
export function applyFix(text: string, fix: SpanFix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
