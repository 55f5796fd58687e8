import * as assert from 'assert';
import fc from 'fast-check';
import { runs } from '../robustness/fuzzConfig';
import { buildStructure } from '../../server/src/model/document';
import type { DocumentStructure } from '../../server/src/model/document';

/** Invariants every model must keep, whatever the input. */
function assertWellFormed(doc: DocumentStructure): void {
  const n = doc.text.length;
  const inside = (s: { start: number; end: number }) => 0 <= s.start && s.start <= s.end && s.end <= n;
  assert.ok(inside(doc.title));
  let last = -1;
  for (const b of doc.blocks) {
    assert.ok(inside(b.span));
    assert.ok(b.span.start >= last, 'blocks in document order');
    last = b.span.start;
  }
  for (const s of doc.sections) {
    assert.ok(inside(s.span) && inside(s.titleSpan) && inside(s.headingSpan));
    if (s.parent) assert.ok(s.parent.span.start <= s.span.start && s.span.end <= s.parent.span.end, 'children inside parents');
  }
  for (const s of doc.sentences) {
    assert.ok(s.span.start >= s.block.span.start && s.span.end <= s.block.span.end && s.span.start < s.span.end);
  }
}

function timed<T>(f: () => T): { result: T; ms: number } {
  const t0 = Date.now();
  const result = f();
  return { result, ms: Date.now() - t0 };
}

describe('model robustness', function () {
  this.timeout(120000);

  it('never throws and keeps its invariants on arbitrary text', () => {
    const pieces = fc.constantFrom('\n', '\r\n', '\r', '\uFEFF', '# ', '## 2. ', '**', '1. ', '2.1 ', '• ', '- ', '> ', '| a | b |\n|---|---|\n', '```\n', '---\n', 'clausewise:\n', ': ', '. ', 'U.S.. ', 'e.g. ', 'Data Retention', 'We keep data', ' 8.', '😀', '\t', '\0', '(a) ');
    const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 12 })), { maxLength: 60 }).map(parts => parts.join(''));
    fc.assert(
      fc.property(text, t => {
        assertWellFormed(buildStructure(t));
      }),
      runs(400),
    );
  });

  it('keeps a section inside its parent when a heading line ends in white space', () => {
    // Found by the property above: "## 2. " outran its parent "# ".
    for (const t of ['# \n## 2. ', '# Privacy\n\n## Rights   \n', '# T\r\n## 1. A \t']) assertWellFormed(buildStructure(t));
  });

  it('reads 1000-level nested lists and block quotes without recursion trouble, and keeps the deep text', () => {
    const quotes = `${'> '.repeat(1000)}Deep quoted text.\n\nAfter the quotes.\n`;
    const doc = buildStructure(quotes);
    assertWellFormed(doc);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['Deep quoted text.', 'After the quotes.']);

    let lists = '';
    for (let i = 0; i < 1000; i++) lists += `${'  '.repeat(i)}- item number ${i}.\n`;
    const listDoc = buildStructure(`${lists}\nAfter the list.\n`);
    assertWellFormed(listDoc);
    assert.ok(listDoc.sentences.some(s => s.text === 'item number 999.'));
    assert.strictEqual(listDoc.sentences[listDoc.sentences.length - 1].text, 'After the list.');
  });

  it('handles NUL bytes', () => {
    const doc = buildStructure('# Policy\n\nWe \0 keep data.\0\n\n## \0Contact\n');
    assertWellFormed(doc);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We \0 keep data.\0']);
    assert.strictEqual(doc.sections.length, 2);
  });

  it('stays linear on a 5 MB text and on a 1 MB line', () => {
    const paragraph = 'We collect your e-mail address, e.g. for receipts. We share it with Acme Inc. in the U.S.. If you object, write to us.';
    const unit = `1. Data We Collect\n\n${`${paragraph}\n`.repeat(40)}\n`;
    const small = unit.repeat(100);
    const big = unit.repeat(Math.ceil(5e6 / unit.length));
    buildStructure(small);
    const a = timed(() => buildStructure(small));
    const b = timed(() => buildStructure(big));
    assertWellFormed(b.result);
    const ratio = b.ms / Math.max(1, a.ms) / (big.length / small.length);
    // Linear growth gives a ratio near 1; quadratic growth would give ~10 and more.
    assert.ok(ratio < 4, `5 MB took ${b.ms} ms vs ${a.ms} ms for ${small.length} chars`);

    const line = `Privacy Policy\n${`${paragraph} `.repeat(Math.ceil(1e6 / paragraph.length))}\n`;
    const c = timed(() => buildStructure(line));
    assertWellFormed(c.result);
    assert.strictEqual(c.result.sentences.length, 3 * Math.ceil(1e6 / paragraph.length));
    for (const pathological of ['x'.repeat(1e6), '. '.repeat(5e5), 'A: '.repeat(3e5), `${'1.'.repeat(3e5)} Title`, '*'.repeat(1e6), `${'#'.repeat(1e5)} x`]) {
      const d = timed(() => buildStructure(pathological));
      assertWellFormed(d.result);
      assert.ok(d.ms < 20000, `${JSON.stringify(pathological.slice(0, 10))}… took ${d.ms} ms`);
    }
  });
});
