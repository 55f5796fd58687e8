import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildDocument } from '../../server/src/model/document';
import type { PolicyDocument } from '../../server/src/model/types';
import { SHARED } from '../helpers/paths';

// The five seed policies are third-party text: they are read at test time,
// never copied. The outlines below were checked by eye against each text.
const SEEDS = path.join(SHARED, 'seeds');

function seed(prefix: string): PolicyDocument {
  const file = fs.readdirSync(SEEDS).find(f => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} is missing from ${SEEDS}`);
  return buildDocument(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
}
const top = (doc: PolicyDocument) => doc.outline.map(s => (s.number ? `${s.number} ${s.title}` : s.title));
const titleOf = (doc: PolicyDocument) => doc.text.slice(doc.title.start, doc.title.end);

describe('outlines of the seed policies', function () {
  before(function () {
    if (!fs.existsSync(SEEDS)) this.skip();
  });

  it('000: fourteen numbered sections, three numbered subsections under 2', () => {
    const doc = seed('000_');
    assert.strictEqual(titleOf(doc), 'Privacy Policy');
    assert.strictEqual(doc.sections.length, 17);
    assert.deepStrictEqual(top(doc), [
      '1 Introduction and Scope',
      '2 Information We Collect',
      '3 How We Use Your Information',
      '4 Legal Bases for Processing (GDPR)',
      '5 How We Share Your Information',
      '6 Data Retention',
      '7 Cookies and Tracking Technologies',
      '8 Data Security',
      '9 International Data Transfers',
      '10 Your Rights and Choices',
      '11 California Privacy Rights (CCPA/CPRA)',
      "12 Children's Privacy",
      '13 Changes to This Privacy Policy',
      '14 Contact Us',
    ]);
    assert.deepStrictEqual(doc.outline[1].children.map(s => s.number), ['2.1', '2.2', '2.3']);
    // Bulleted "Label: text" items stay list items of their section.
    assert.ok(doc.blocks.filter(b => b.kind === 'list-item').length >= 30);
  });

  it('001: one line per paragraph, twenty-four unnumbered title-case headings', () => {
    const doc = seed('001_');
    assert.strictEqual(titleOf(doc), 'Privacy Policy');
    assert.strictEqual(doc.sections.length, 24);
    assert.ok(doc.sections.every(s => s.level === 1 && s.number === undefined));
    assert.deepStrictEqual(top(doc), [
      'How We Collect and Use Information',
      'Contact Information',
      'Billing Information',
      'From Your Activity',
      'Google User/G Suite Data',
      'From Cookies',
      'Third-Party Analytics',
      'Remarketing and Advertising',
      'CRM Data',
      'Aggregate Data',
      'Onward Transfer to Third Parties',
      'Business Transfers',
      'Disclosure to Public Authorities',
      'Opt Out for Direct Marketing',
      'Retention of Personal Information',
      'How We Protect Your Information',
      'Data Transfer',
      'Important Notice For Individuals of the European Economic Area and Switzerland',
      'Additional Limits',
      'External Websites',
      'Children’s Privacy',
      'Changes to This Privacy Policy',
      'Do Not Track',
      'Contact Us',
    ]);
  });

  it('002: eight headings; "- Label: text" lines are list items', () => {
    const doc = seed('002_');
    assert.strictEqual(titleOf(doc), 'Aspectium Privacy Statement');
    assert.deepStrictEqual(top(doc), [
      'Use of Administrator Data',
      'Use of Customer Data',
      'Sharing of Customer Data',
      'Use of Cookies',
      'Security of Customer Data',
      'Preview Releases',
      'Contact Us',
      'Changes to this Privacy Statement',
    ]);
    assert.strictEqual(doc.blocks.filter(b => b.kind === 'list-item').length, 6);
  });

  it('003: sixteen sentence-case and title-case headings under a two-line title', () => {
    const doc = seed('003_');
    assert.strictEqual(titleOf(doc), 'Privacy Policy');
    assert.strictEqual(doc.blocks.filter(b => b.kind === 'title').length, 2);
    assert.deepStrictEqual(top(doc), [
      'Collecting and using your personal data',
      'Types of data collected',
      'Personal Data',
      'Usage Data',
      'Information collected while using the application',
      'Tracking technologies and cookies',
      'Use of your personal data',
      'Retention of your personal data',
      'Transfer of your personal data',
      'Disclosure of your personal data',
      'Business Transactions',
      'Law enforcement',
      'Other legal requirements',
      'Security of your personal data',
      'Changes to this privacy policy',
      'Contact us',
    ]);
  });

  it('004: a table of contents, then fifteen sections whose numbers were pasted at the end of the previous line', () => {
    const doc = seed('004_');
    assert.strictEqual(doc.blocks.filter(b => b.kind === 'toc').length, 15 + 9, 'the table of contents and the footer menu');
    assert.deepStrictEqual(doc.outline.map(s => s.number), Array.from({ length: 15 }, (_, i) => String(i + 1)));
    assert.deepStrictEqual(top(doc), [
      '1 Personal Information We Collect',
      '2 How We Use Personal Data',
      '3 How We Share and Disclose Personal Data',
      '4 Data Retention',
      '5 Update Your Information',
      '6 Children',
      '7 EU Users',
      '8 Links to Other Websites',
      '9 Cookies',
      '10 Do Not Track',
      '11 Security',
      '12 Your Choices',
      '13 Changes to the Privacy Policy',
      '14 International Transfer',
      '15 Contact Us',
    ]);
    // Run-in title-case labels open subsections of the numbered section.
    assert.deepStrictEqual(doc.outline.map(s => s.children.length), [6, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.strictEqual(doc.sections.length, 25);
    // The text after each numbered heading's colon belongs to that section, and the number left on the line before does not end a sentence.
    for (const s of doc.outline) {
      const first = doc.sentences.find(x => x.span.start >= s.headingSpan.end);
      assert.strictEqual(first?.section, s, s.title);
    }
    assert.ok(!doc.sentences.some(x => /(?:^|[.!?]\s+)\d{1,2}\.$/.test(x.text)), 'no sentence ends with a pasted section number');
  });
});
