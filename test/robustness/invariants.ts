// What must hold for any result on any text: ranges inside the document, on
// character boundaries (never between the halves of a surrogate pair, never
// between the \r and \n of a CRLF), start before end.
import * as assert from 'assert';
import type { AnalysisResult } from '../../server/src/analysis';

export interface Pos {
  line: number;
  character: number;
}
export interface Rng {
  start: Pos;
  end: Pos;
}

/** Line starts and content ends (before the line break), as the LSP counts lines. */
export class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
    }
  }
  contentEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The offset of a position, after asserting it is a valid boundary of `lines.text`. */
export function checkPosition(lines: Lines, p: Pos, what: string): number {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
  assert.ok(p.line >= 0 && p.line < lines.starts.length, `${what}: line ${p.line} outside 0..${lines.starts.length - 1}`);
  const start = lines.starts[p.line];
  const end = lines.contentEnd(p.line);
  assert.ok(p.character >= 0 && start + p.character <= end, `${what}: character ${p.character} beyond line ${p.line} (length ${end - start})`);
  const offset = start + p.character;
  const text = lines.text;
  assert.ok(!(offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))), `${what}: ${JSON.stringify(p)} splits a surrogate pair`);
  return offset;
}

export function checkRange(lines: Lines, r: Rng, what: string): void {
  assert.ok(r && r.start && r.end, `${what}: malformed range ${JSON.stringify(r)}`);
  const s = checkPosition(lines, r.start, `${what} start`);
  const e = checkPosition(lines, r.end, `${what} end`);
  assert.ok(s <= e, `${what}: start after end ${JSON.stringify(r)}`);
}

/** Every range an analysis result exposes: findings, related locations, fix edits, requirement evidence. */
export function checkResult(text: string, result: AnalysisResult): void {
  const lines = new Lines(text);
  for (const f of result.findings) {
    const what = `${f.ruleId} “${f.message.slice(0, 60)}”`;
    assert.ok(typeof f.ruleId === 'string' && f.ruleId.includes('/'), `finding without rule id: ${JSON.stringify(f)}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${what}: empty message`);
    checkRange(lines, f.range, what);
    for (const r of f.related) checkRange(lines, r.range, `${what} related`);
    for (const fix of f.fixes) for (const e of fix.edits) checkRange(lines, e.range, `${what} fix “${fix.title}”`);
  }
  for (const r of result.requirements) for (const e of r.evidence) checkRange(lines, e.range, `requirement ${r.id} evidence`);
}
