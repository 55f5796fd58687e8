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

describe('model ranges are UTF-16 ranges of the original text', () => {
  // Lazy import keeps this file's LineIndex tests independent of the model.
  const { buildDocument } = require('../../server/src/model/document') as typeof import('../../server/src/model/document');

  it('puts sections and sentences on the right characters with a BOM, CRLF, tabs and emoji', () => {
    const text = '\uFEFF# Privacy 😀 Policy\r\n\r\n## 2. Data\r\n\r\nWe\t🚲 collect names. We share nothing.\r\n';
    const doc = buildDocument(text);
    const data = doc.sections.find(s => s.title === 'Data')!;
    assert.deepStrictEqual(doc.lines.range(data.titleSpan), { start: { line: 2, character: 6 }, end: { line: 2, character: 10 } });
    assert.strictEqual(text.slice(doc.title.start, doc.title.end), 'Privacy 😀 Policy');
    assert.deepStrictEqual(doc.lines.range(doc.title), { start: { line: 0, character: 3 }, end: { line: 0, character: 20 } });
    const share = doc.sentences.find(s => s.text === 'We share nothing.')!;
    // "We\t🚲 collect names. " is 21 code units: the tab counts one, the emoji two.
    assert.deepStrictEqual(doc.lines.range(share.span), { start: { line: 4, character: 21 }, end: { line: 4, character: 38 } });
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We\t🚲 collect names.', 'We share nothing.']);
  });

  it('handles lone CR line ends like LF in pasted text', () => {
    const text = 'Privacy Policy\r1. Data Retention\rWe keep data.\r2. Contact Us\rWrite to us.';
    const doc = buildDocument(text);
    assert.deepStrictEqual(doc.sections.map(s => `${s.number} ${s.title}`), ['1 Data Retention', '2 Contact Us']);
    const contact = doc.sections[1];
    assert.deepStrictEqual(doc.lines.range(contact.titleSpan), { start: { line: 3, character: 3 }, end: { line: 3, character: 13 } });
    const write = doc.sentences.find(s => s.text === 'Write to us.')!;
    assert.deepStrictEqual(doc.lines.range(write.span).start, { line: 4, character: 0 });
    assert.strictEqual(write.section, contact);
  });

  it('keeps every span inside the text and every sentence inside its block', () => {
    const text = '\uFEFF---\r\nclausewise:\r\n  sells: false\r\n---\r\nPrivacy Notice\r\n\r\nWe keep data. 2.\r\nYour Rights: You may object.\r\n• Access: ask for a copy.\r\n';
    const doc = buildDocument(text);
    for (const s of doc.sentences) {
      assert.ok(s.span.start >= s.block.span.start && s.span.end <= s.block.span.end, s.text);
      assert.strictEqual(s.text, text.slice(s.span.start, s.span.end));
    }
    for (const s of doc.sections) assert.ok(s.span.start <= s.titleSpan.start && s.titleSpan.end <= s.span.end && s.span.end <= text.length);
    assert.deepStrictEqual(doc.sections.map(s => `${s.number} ${s.title}`), ['2 Your Rights']);
    assert.deepStrictEqual(doc.lines.range(doc.sections[0].span).start, { line: 6, character: 14 });
  });
});
