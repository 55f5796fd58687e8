import * as assert from 'assert';
import { buildDocument } from '../../server/src/model/document';
import { slice } from './modelHelpers';

describe('blocks', () => {
  it('reads each line of pasted text as its own paragraph, and a line starting in lower case as a continuation', () => {
    const doc = buildDocument('Our Data Practices\nWe collect names, e-mail addresses and the identifiers of your devices\nWe share nothing with advertisers.\nWe keep logs (e.g.\nfor security) for a month.\n');
    const paragraphs = doc.blocks.filter(b => b.kind === 'paragraph').map(b => slice(doc, b.span));
    const expected = ['We collect names, e-mail addresses and the identifiers of your devices', 'We share nothing with advertisers.', 'We keep logs (e.g.\nfor security) for a month.'];
    assert.deepStrictEqual(paragraphs, expected);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), expected);
    assert.deepStrictEqual(doc.sections.map(s => s.title), ['Our Data Practices']);
  });

  it('reads • bullets and "- " items of pasted text as list items', () => {
    const doc = buildDocument('What We Collect\n  • Name and e-mail address.\n  ◦ Device identifiers.\n- Payment details.\n');
    const items = doc.blocks.filter(b => b.kind === 'list-item').map(b => slice(doc, b.span));
    assert.deepStrictEqual(items, ['• Name and e-mail address.', '◦ Device identifiers.', '- Payment details.']);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['Name and e-mail address.', 'Device identifiers.', 'Payment details.']);
  });

  it('reads each table row as a block, without the delimiter row', () => {
    const doc = buildDocument('# Retention\n\n| Data | Period |\n|---|---|\n| Logs | 30 days |\n| Invoices | 7 years |\n');
    const rows = doc.blocks.filter(b => b.kind === 'table-row').map(b => slice(doc, b.span));
    assert.deepStrictEqual(rows, ['| Data | Period |', '| Logs | 30 days |', '| Invoices | 7 years |']);
    assert.ok(rows.length === doc.sentences.length);
  });

  it('marks fenced code and HTML, and the front matter, as blocks that hold no sentences', () => {
    const doc = buildDocument('---\nclausewise:\n  sells: false\n---\n# Policy\n\n```\nWe sell everything.\n```\n\n<div>We sell everything.</div>\n\nWe sell nothing.\n');
    assert.deepStrictEqual(doc.blocks.map(b => b.kind), ['front-matter', 'heading', 'code', 'html', 'paragraph']);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We sell nothing.']);
  });

  it('keeps indented lines of pasted text as prose, not code', () => {
    const doc = buildDocument('Privacy Notice\n\n        We collect your name.\n');
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We collect your name.']);
  });

  it('lists blocks in document order, each in the section that holds it', () => {
    const doc = buildDocument('# A\n\none.\n\n## B\n\n- two.\n\n| three. |\n|---|\n\n# C\n\nfour.\n');
    for (let i = 1; i < doc.blocks.length; i++) assert.ok(doc.blocks[i - 1].span.start < doc.blocks[i].span.start);
    assert.deepStrictEqual(doc.blocks.map(b => `${b.kind}:${b.section?.title}`), ['heading:A', 'paragraph:A', 'heading:B', 'list-item:B', 'table-row:B', 'heading:C', 'paragraph:C']);
  });
});
