import * as assert from 'assert';
import * as fs from 'fs';
import { buildDocument } from '../../server/src/model/document';
import { fixture } from '../helpers/paths';
import { outlineLines, sectionTitled, slice } from './modelHelpers';

const read = (name: string) => fs.readFileSync(fixture(`model/${name}`), 'utf8');

describe('sections of a pasted policy (no # headings)', () => {
  const doc = buildDocument(read('pasted-policy.txt'));

  it('reads numbered, colon, plain, glued and run-in headings into a nested outline', () => {
    assert.strictEqual(doc.format, 'plain');
    assert.deepStrictEqual(outlineLines(doc), [
      '1 Who We Are',
      '2 What We Collect',
      '  2.1 Details You Give Us',
      '  2.2 Details We Collect Automatically',
      '    Cookies',
      '    Analytics Partners',
      '3 Keeping Your Data',
      '4 Your Choices',
      '  Marketing Emails',
      '5 Contact Us',
    ]);
    assert.ok(doc.sections.every(s => s.implicit));
  });

  it('takes the first line as the document title, not as a section', () => {
    assert.strictEqual(slice(doc, doc.title), 'Brightleaf Notes Privacy Notice');
    assert.strictEqual(doc.blocks[0].kind, 'title');
    assert.strictEqual(doc.blocks[0].section, null);
  });

  it('sets a table of contents apart instead of opening empty sections', () => {
    const toc = doc.blocks.filter(b => b.kind === 'toc').map(b => slice(doc, b.span));
    assert.deepStrictEqual(toc, ['Who We Are', 'What We Collect', 'Keeping Your Data', 'Your Choices', 'Contact Us']);
    assert.ok(!doc.sentences.some(s => s.text === 'Keeping Your Data'), 'a table-of-contents line is not a sentence');
    assert.strictEqual(doc.sections.filter(s => s.title === 'Keeping Your Data').length, 1);
  });

  it('joins a number left at the end of the previous line to the heading that follows', () => {
    const keeping = sectionTitled(doc, 'Keeping Your Data');
    assert.strictEqual(keeping.number, '3');
    assert.strictEqual(keeping.level, 1);
    assert.strictEqual(slice(doc, keeping.titleSpan), 'Keeping Your Data');
    assert.match(slice(doc, keeping.headingSpan), /^3\.\r?\nKeeping Your Data:$/);
    // The sentence before the number no longer carries it, and belongs to the previous section.
    const before = doc.sentences.find(s => s.text.startsWith('You can ask for a copy'))!;
    assert.strictEqual(before.text, 'You can ask for a copy of the data we hold about you.');
    assert.strictEqual(before.section?.title, 'Analytics Partners');
    // The body goes on after the colon, on the heading's own line.
    const body = doc.sentences.find(s => s.text.startsWith('We keep account data'))!;
    assert.strictEqual(body.section, keeping);
    assert.strictEqual(doc.lines.positionAt(body.span.start).line, doc.lines.positionAt(keeping.titleSpan.start).line);
  });

  it('reads a number alone on its line as the number of the next heading', () => {
    const choices = sectionTitled(doc, 'Your Choices');
    assert.strictEqual(choices.number, '4');
    assert.strictEqual(slice(doc, choices.span).split(/\r?\n/)[0].trim(), '4.');
  });

  it('reads a short title-case label at the start of a line as a sub-heading', () => {
    const marketing = sectionTitled(doc, 'Marketing Emails');
    assert.strictEqual(marketing.parent?.title, 'Your Choices');
    assert.strictEqual(slice(doc, marketing.headingSpan), 'Marketing Emails:');
    const sentence = doc.sentences.find(s => s.text === 'We send product news only if you opt in.')!;
    assert.strictEqual(sentence.section, marketing);
  });

  it('does not take bullets, link lists, lead-in lists, addresses or footers for headings', () => {
    const titles = doc.sections.map(s => s.title);
    for (const notHeading of ['Account Details', 'Plausible', 'Simple Counter', 'Sync your notes across your devices', 'Brightleaf Labs Ltd', 'United Kingdom', 'Email']) {
      assert.ok(!titles.includes(notHeading), `"${notHeading}" is not a heading`);
    }
    assert.ok(!titles.some(t => t.startsWith('Last updated') || t.startsWith('©')));
    const address = doc.blocks.find(b => slice(doc, b.span) === '14 Harbour Row')!;
    assert.strictEqual(address.section?.title, 'Contact Us');
  });

  it('spans each section from its heading to the last text before the next heading of its level', () => {
    const collect = sectionTitled(doc, 'What We Collect');
    assert.ok(slice(doc, collect.span).startsWith('2. What We Collect'));
    assert.ok(slice(doc, collect.span).endsWith('You can ask for a copy of the data we hold about you.'));
    const contact = sectionTitled(doc, 'Contact Us');
    assert.ok(slice(doc, contact.span).endsWith('All rights reserved.'));
  });
});

describe('sections of a Markdown policy', () => {
  const doc = buildDocument(read('markdown-policy.md'));

  it('takes ATX and setext headings as written, with their numbers and levels', () => {
    assert.strictEqual(doc.format, 'markdown');
    assert.deepStrictEqual(outlineLines(doc), [
      'Fernhill Cycling Club Privacy Policy',
      '  1 Data We Collect',
      '    Membership Records',
      '    1.1 Children',
      '  Contact Us',
    ]);
    const contact = sectionTitled(doc, 'Contact Us');
    assert.strictEqual(contact.level, 2);
    assert.strictEqual(contact.implicit, false);
    assert.strictEqual(slice(doc, doc.title), 'Fernhill Cycling Club Privacy Policy');
  });

  it('reads a bold-only line as a heading one level below the current # heading, but not a plain title-case line', () => {
    const records = sectionTitled(doc, 'Membership Records');
    assert.strictEqual(records.level, 3);
    assert.strictEqual(records.implicit, true);
    assert.strictEqual(slice(doc, records.titleSpan), 'Membership Records');
    assert.ok(!doc.sections.some(s => s.title === 'Ride Logs'));
  });

  it('never reads a heading inside a code block', () => {
    assert.ok(!doc.sections.some(s => s.title.includes('Not a heading')));
  });

  it('nests children under their parents and gives every section a parent link', () => {
    const top = doc.outline[0];
    assert.deepStrictEqual(top.children.map(c => c.title), ['Data We Collect', 'Contact Us']);
    for (const s of doc.sections) for (const c of s.children) assert.strictEqual(c.parent, s);
    assert.deepStrictEqual(doc.sections.map(s => s.index), doc.sections.map((_, i) => i));
  });
});

describe('implicit headings, construct by construct', () => {
  const titles = (text: string) => buildDocument(text).sections.map(s => `${s.number ? `${s.number} ` : ''}${s.title}`);

  it('numbered lines with and without a trailing dot, and roman numerals', () => {
    assert.deepStrictEqual(titles('Privacy Policy\n4. Data Retention\nWe keep data for a year.\n4.1 Backups\nBackups last a month.\nIV. Your Rights\nYou may ask for a copy.\n'), [
      '4 Data Retention',
      '4.1 Backups',
      'IV Your Rights',
    ]);
  });

  it('a short sentence-case line followed by text, but not a clause or a question that does not ask', () => {
    assert.deepStrictEqual(titles('How long we keep data\nWe keep data for a year.\nSupport is available on weekdays\nCall us any time.\n'), ['How long we keep data']);
  });

  it('a line ending with a colon, when it is a title and not a lead-in sentence', () => {
    assert.deepStrictEqual(titles('Cookies:\nWe set one cookie.\nWe collect the following:\n• your name\n'), ['Cookies']);
  });

  it('dates, footers and quantities are not headings', () => {
    assert.deepStrictEqual(titles('Effective March 9, 2023\nWe collect data.\n© 2024 Example Inc.\n2024 Annual Report\nIt was a year.\n'), []);
  });

  it('a run-in label only when the label is title case and a sentence follows', () => {
    assert.deepStrictEqual(titles('Data Retention: We keep data for a year.\nServer logs: Records of each request.\nSite Analytics: https://analytics.example\nEmail: privacy@example.com\n'), ['Data Retention']);
  });

  it('a bullet item with a label stays a list item', () => {
    const doc = buildDocument('Information We Collect\n• Browsing Details: Which screens you open.\n- Device Details: The model of your phone.\n');
    assert.deepStrictEqual(doc.sections.map(s => s.title), ['Information We Collect']);
    assert.deepStrictEqual(doc.blocks.filter(b => b.kind === 'list-item').length, 2);
  });

  it('a number glued to the end of a line only when it follows a sentence end', () => {
    const doc = buildDocument('Children\nWe do not serve children under the age of 13.\nWe delete such data. 7.\nEuropean Visitors:\nThis part applies in the EU.\n');
    assert.deepStrictEqual(doc.sections.map(s => `${s.number ?? '-'} ${s.title}`), ['- Children', '7 European Visitors']);
    assert.ok(doc.sentences.some(s => s.text === 'We do not serve children under the age of 13.'));
  });

  it('four titles in a row that come back later are a table of contents; three headings in a row are nested headings', () => {
    const toc = buildDocument('Privacy Policy\n\nOverview\nData We Collect\nYour Rights\nContact\n\nWe are Example Ltd.\nOverview\nWe explain things.\nData We Collect\nWe collect names.\nYour Rights\nYou may object.\nContact\nWrite to us.\n');
    assert.deepStrictEqual(toc.sections.map(s => s.title), ['Overview', 'Data We Collect', 'Your Rights', 'Contact']);
    assert.strictEqual(toc.blocks.filter(b => b.kind === 'toc').length, 4);
    const nested = buildDocument('Your Data\nWhat We Collect\nAccount Data\nWe store your name.\n');
    assert.deepStrictEqual(nested.sections.map(s => s.title), ['Your Data', 'What We Collect', 'Account Data']);
  });

  it('a navigation menu at the end is not a run of empty sections', () => {
    const doc = buildDocument('Contact Us\nWrite to us at the address below.\nHome\nAbout\nPricing\nBlog\nCareers\n© 2024 Example Ltd.\n');
    assert.deepStrictEqual(doc.sections.map(s => s.title), ['Contact Us']);
    assert.strictEqual(doc.blocks.filter(b => b.kind === 'toc').length, 5);
  });
});

describe('Markdown or pasted text', () => {
  it('reads a text with one dash-underlined line as pasted text, keeping that line as a top-level heading', () => {
    const doc = buildDocument('Privacy Policy\n\n1. Data We Collect\nWe collect names.\n\nContact Us\n----------\nWrite to us.\n');
    assert.strictEqual(doc.format, 'plain');
    assert.deepStrictEqual(outlineLines(doc), ['1 Data We Collect', 'Contact Us']);
  });

  it('reads a text with a # heading or two underlined headings as Markdown, whatever its front matter', () => {
    assert.strictEqual(buildDocument('# Policy\n\nText.\n').format, 'markdown');
    assert.strictEqual(buildDocument('Policy\n======\n\nData\n----\n\nText.\n').format, 'markdown');
    const pasted = buildDocument('---\nclausewise: {sells: false}\n---\nData Retention\nWe keep data for a year.\n');
    assert.strictEqual(pasted.format, 'plain');
    assert.deepStrictEqual(pasted.sections.map(s => s.title), ['Data Retention']);
  });
});
