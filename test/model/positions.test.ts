import * as assert from 'assert';
import { LineIndex } from '../../server/src/model/positions';

describe('LineIndex (UTF-16 positions)', () => {
  it('maps offsets across LF, CRLF and lone CR line ends', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const li = new LineIndex(text);
    assert.strictEqual(li.lineCount, 4);
    assert.deepStrictEqual(li.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepStrictEqual(li.positionAt(text.indexOf('e')), { line: 2, character: 0 });
    assert.deepStrictEqual(li.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.strictEqual(li.offsetAt({ line: 1, character: 1 }), text.indexOf('d'));
  });

  it('never places a position inside a CRLF pair', () => {
    const li = new LineIndex('ab\r\ncd');
    assert.deepStrictEqual(li.positionAt(3), { line: 0, character: 2 });
  });

  it('counts astral characters as two UTF-16 code units and keeps the BOM', () => {
    const text = '\uFEFF😀 x';
    const li = new LineIndex(text);
    assert.deepStrictEqual(li.positionAt(text.indexOf('x')), { line: 0, character: 4 });
  });

  it('clamps out-of-range positions', () => {
    const li = new LineIndex('abc\ndef');
    assert.strictEqual(li.offsetAt({ line: 9, character: 0 }), 7);
    assert.strictEqual(li.offsetAt({ line: 0, character: 99 }), 3);
  });
});
