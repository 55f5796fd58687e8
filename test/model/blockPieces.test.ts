import * as assert from 'assert';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/model/positions';
import { markdownBlocks, markdownBlocksUncut } from '../../server/src/model/markdownBlocks';
import { parseFrontMatter } from '../../server/src/model/frontMatter';
import { clearAllSentenceMemos } from '../../server/src/model/sentenceMemo';
import { runs, timeoutFor } from '../robustness/fuzzConfig';

// The block reader cuts the text before top-level `#` headings and reads (and
// remembers) each piece alone. These documents are built from the constructs
// that can carry Markdown state across a blank line and a heading — fences,
// HTML blocks, lists, quotes, indented code, tables, setext underlines — so
// that a wrong cut would show as a different block.
const LINES = [
  '# Privacy Policy',
  '## 2. What we collect',
  '#Not a heading',
  '###### Deep',
  '#',
  '',
  '',
  '   ',
  'We collect your e-mail address.',
  'Continued on the next line.',
  '- a list item',
  '  continued inside the item',
  '    indented more',
  '1. a numbered item',
  '> a quotation',
  '>',
  '    indented code or pasted prose',
  '```',
  '~~~',
  '  ```',
  '    ```',
  '```js',
  '<!-- a comment',
  '-->',
  '<pre>',
  '</pre>',
  '<div>',
  '</div>',
  '<?php',
  '?>',
  '<![CDATA[',
  ']]>',
  '| Data | Period |',
  '|---|---|',
  '| Logs | 30 days |',
  '===',
  '---',
  '[ref]: https://example.com',
  '  # indented heading',
  '• a pasted bullet',
];

const document = fc
  .record({
    lines: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 40 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    frontMatter: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lines, eol, frontMatter, bom }) => (bom ? '\uFEFF' : '') + (frontMatter ? `---${eol}clausewise:${eol}  sells: false${eol}---${eol}` : '') + lines.join(eol) + eol);

function blocksOf(text: string, read: typeof markdownBlocks) {
  const lines = new LineIndex(text);
  const fm = parseFrontMatter(text);
  return read(text, lines, fm?.span.end ?? 0);
}

describe('model: blocks read in pieces', () => {
  it('equal the blocks of the whole text read at once, cold and from the memo', function () {
    this.timeout(timeoutFor(60_000));
    fc.assert(
      fc.property(document, text => {
        const whole = blocksOf(text, markdownBlocksUncut);
        clearAllSentenceMemos();
        assert.deepStrictEqual(blocksOf(text, markdownBlocks), whole, 'cold');
        assert.deepStrictEqual(blocksOf(text, markdownBlocks), whole, 'warm');
      }),
      runs(400),
    );
  });

  it('after an edit inside one piece, equal a fresh reading of the edited text', function () {
    this.timeout(timeoutFor(60_000));
    fc.assert(
      fc.property(document, fc.nat(), fc.constantFrom('```', '<!--', '', '\n\n# Added\n\n', '    ', '> '), (text, at, insert) => {
        blocksOf(text, markdownBlocks);
        const i = at % (text.length + 1);
        const edited = text.slice(0, i) + insert + text.slice(i);
        assert.deepStrictEqual(blocksOf(edited, markdownBlocks), blocksOf(edited, markdownBlocksUncut));
      }),
      runs(400),
    );
  });

  it('cuts where a heading follows a blank line, and mends a cut inside an open fence', () => {
    const text = '# Policy\n\nWe collect names.\n\n```\n\n# not a heading\n\n```\n\n# Contact\n\nWrite to us.\n';
    const kinds = blocksOf(text, markdownBlocks).map(b => `${b.kind}:${text.slice(b.span.start, b.span.end).split('\n')[0]}`);
    assert.deepStrictEqual(kinds, ['heading:# Policy', 'paragraph:We collect names.', 'code:```', 'heading:# Contact', 'paragraph:Write to us.']);
  });

  it('keeps every line in place after a front matter with mixed line ends', () => {
    // The front matter is blanked before parsing; a line between a lone CR and an LF must not vanish.
    const text = '---\rclausewise:\r  sells: false\n---\r\r# Policy\r\rWe sell nothing.\r';
    const kinds = blocksOf(text, markdownBlocks).map(b => `${b.kind}:${text.slice(b.span.start, b.span.end)}`);
    assert.deepStrictEqual(kinds, ['heading:# Policy', 'paragraph:We sell nothing.']);
  });
});
