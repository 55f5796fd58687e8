import * as assert from 'assert';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../../server/src/analysis';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { requirementsFile, type EvidenceClause, type StatementShape } from '../../../server/src/knowledge/files/requirements';
import { buildDocument } from '../../../server/src/model/document';
import { clearAllSentenceMemos } from '../../../server/src/model/sentenceMemo';
import type { PolicyDocument, Section, Statement } from '../../../server/src/model/types';
import { topicsOf } from '../../../server/src/analysis/sectionTopics';
import { matchingSentences } from '../../../server/src/analysis/requirements/evidence';
import { evidenceClauses } from '../../../server/src/analysis/requirements/patternPrefilter';
import { normaliseForMatching, requirementPattern } from '../../../server/src/analysis/requirements/patterns';
import { runs, timeoutFor } from '../../robustness/fuzzConfig';
import { applyTextEdit, textEdits } from '../../helpers/textEdits';

// Evidence is gathered from what is remembered of each sentence text (which
// clauses its words pass, textTests.ts) and of each section (which section
// rules it meets, sectionRules.ts). After any edit, a re-analysis must find
// exactly what a first analysis finds, and both exactly what testing every
// pattern of every clause on every sentence finds.

const OPTIONS = { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'] as ('gdpr' | 'ccpa' | 'caloppa' | 'coppa')[], asOf: '2026-11-22' };

// Policies written for this test: nested sections about rights, Europe and
// California, contact details, retention, changes; near misses; a front matter.
const MARKDOWN = `---
title: Privacy Policy
clausewise:
  dpo: false
  sells: false
---
# Privacy Policy of Larkspur Analytics

Last updated: March 3, 2026. Larkspur Analytics GmbH, 12 Harbour Street, Bristol, is the controller of your personal data.

## Information we collect

We collect your name, email address and device identifiers when you create an account.
Information you provide to us directly, such as survey answers, is stored with your profile.
We automatically collect log data from your browser.

### From other sources

We receive contact details from our business partners and from publicly available sources.

## How we use information

We use personal data to provide the service and to send you security notices.
We process your information for our legitimate interests in improving the product.

## Sharing

We share personal information with service providers who host our servers, and with advertising partners.
We do not sell personal information and we do not share it for cross-context behavioral advertising.

## Retention

We keep account data for as long as your account is open and delete it within 30 days after you close it.

## Your rights

### Residents of the European Union

You have the right to access, correct or delete your personal data, and the right to object to processing.
You may ask us to restrict processing, and you can request a copy of your data in a portable format.
You may withdraw your consent at any time.
You can lodge a complaint with your local supervisory authority.

### California residents

You have the right to know what personal information we collected and the right to delete it.
You may request that we correct inaccurate personal information.
To exercise these rights, email privacy@larkspur.example or call 1-800-555-0100.
We will not discriminate against you for exercising your rights.
We verify your request by matching the details you give with those in our records.

## Do Not Track

We do not respond to Do Not Track signals.

## Children

Our service is not directed to children under 13 and we do not knowingly collect data from children.

## Changes to this policy

We will notify you of material changes by email before they take effect.

## Contact us

Write to privacy@larkspur.example or to our data protection officer at dpo@larkspur.example.
`;

const PASTED = `PRIVACY NOTICE

Effective date: 1 February 2026

Who we are
Quillfeather Ltd (company number 0123456) runs the Quillfeather apps. We are the data controller.

What we collect
We collect the content you upload, your payment details and your IP address.
Cookies and similar technologies help us remember your settings.

Why we use it
We use your data to perform our contract with you and, with your consent, for marketing.
Our legal basis for analytics is our legitimate interest.

Transfers
Your data may be transferred outside the EEA under standard contractual clauses.

How long we keep it
Records are kept for six years to meet tax law.

Your choices
You may opt out of marketing emails by clicking unsubscribe.
You can ask for a copy of your personal information or for its erasure.

California
We have not sold personal information in the preceding 12 months.
California consumers may submit requests through our web form.

Contact
Questions? Email hello@quillfeather.example.
`;

/** What the requirements check decided: each requirement's status and evidence ranges. */
function decided(r: AnalysisResult) {
  return r.requirements;
}

function cold(text: string) {
  clearAllSentenceMemos();
  return decided(analyze(text, OPTIONS));
}

const INSERTS = ['x', 'e', ' ', '.', ',', '#', '*', '-', ':', '\n', '\r\n', '😀', 'é', 'EU ', 'California ', 'rights ', 'not ', 'delete ', '## Your rights\n', 'privacy@x.example '];

const edit = fc.oneof(
  textEdits({ inserts: INSERTS, kinds: ['insert', 'delete', 'join', 'split', 'heading', 'duplicateLine', 'crlf'] }),
  textEdits({ inserts: ['x', '\n', ' true', 'sells: true\n', '---\n'], kinds: ['frontMatter'] }),
);

// The reference: every clause judged on every sentence from its definition
// (requirements.yaml, header comment), every pattern run on the sentence.

function inTopic(section: Section | null, topics: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) if (topicsOf(s).some(t => topics.includes(t))) return true;
  return false;
}

function excluded(section: Section | null, topics: readonly string[], unless: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) {
    if (topicsOf(s).some(t => unless.includes(t))) return false;
    if (topicsOf(s).some(t => topics.includes(t))) return true;
  }
  return false;
}

function titled(section: Section | null, patterns: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) if (patterns.some(p => requirementPattern(p).test(normaliseForMatching(s.title)))) return true;
  return false;
}

function fits(st: Statement, shape: StatementShape): boolean {
  return (
    (!shape.actor || shape.actor.includes(st.actor)) &&
    (!shape.action || shape.action.includes(st.action)) &&
    (shape.negated === undefined || st.negated === shape.negated) &&
    (!shape.requested || (!!st.requested && shape.requested.includes(st.requested))) &&
    (!shape.data || st.dataTypes.length > 0)
  );
}

function referenceMatches(clause: EvidenceClause, doc: PolicyDocument): number[] {
  const out: number[] = [];
  for (const sentence of doc.sentences) {
    const text = normaliseForMatching(sentence.text);
    const test = (p: string) => requirementPattern(p).test(text);
    const section = sentence.section;
    if (clause.within && !inTopic(section, clause.within)) continue;
    if (clause.notWithin && excluded(section, clause.notWithin, clause.unlessWithin ?? [])) continue;
    if (clause.titled && !titled(section, clause.titled)) continue;
    if (clause.statement && !doc.statements.some(st => st.sentence === sentence && fits(st, clause.statement!))) continue;
    if (clause.all && !clause.all.every(test)) continue;
    if (clause.any && !clause.any.some(test)) continue;
    if (clause.not && clause.not.some(test)) continue;
    out.push(sentence.index);
  }
  return out;
}

const clauses = () => evidenceClauses(loadKnowledge(requirementsFile));

/** The clauses whose evidence differs from the reference's, with what each found. */
function mismatches(doc: PolicyDocument): string[] {
  const out: string[] = [];
  for (const clause of clauses()) {
    const found = matchingSentences([clause], doc).map(v => v.sentence.index);
    const expected = referenceMatches(clause, doc);
    if (JSON.stringify(found) !== JSON.stringify(expected)) out.push(`${JSON.stringify(clause).slice(0, 160)}: found ${found} expected ${expected}`);
  }
  return out;
}

describe('requirements evidence index (text tests and section rules)', function () {
  this.timeout(timeoutFor(120_000));

  it('finds, for every clause of the knowledge, exactly the sentences that testing every pattern on every sentence finds', () => {
    let found = 0;
    for (const text of [MARKDOWN, PASTED]) {
      clearAllSentenceMemos();
      const doc = buildDocument(text);
      assert.deepStrictEqual(mismatches(doc), []);
      for (const clause of clauses()) found += referenceMatches(clause, doc).length;
    }
    // The policies give the comparison something to find.
    assert.ok(found > 100, `only ${found} clause matches`);
  });

  it('gives several clauses at once the union of their sentences, in document order', () => {
    clearAllSentenceMemos();
    const doc = buildDocument(MARKDOWN);
    const all = clauses();
    const union = [...new Set(all.flatMap(c => referenceMatches(c, doc)))].sort((a, b) => a - b);
    assert.deepStrictEqual(
      matchingSentences(all, doc).map(v => v.sentence.index),
      union,
    );
  });

  it('keeps an earlier version right when a later one, sharing its sentences, was judged in between', () => {
    clearAllSentenceMemos();
    const earlier = buildDocument(MARKDOWN);
    const first = clauses().map(c => matchingSentences([c], earlier).map(v => v.sentence.index));
    const later = buildDocument(MARKDOWN.replace('## Your rights', '## Your rights and choices').replace('within 30 days', 'within 31 days'));
    assert.deepStrictEqual(mismatches(later), []);
    // The earlier document is asked again (an editor may still hold it): same answers, and the reference's.
    assert.deepStrictEqual(
      clauses().map(c => matchingSentences([c], earlier).map(v => v.sentence.index)),
      first,
    );
    assert.deepStrictEqual(mismatches(earlier), []);
  });

  it('after random edits, re-analysis decides as a first analysis, and evidence matches the reference', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 5 }), (markdown, edits) => {
        const original = markdown ? MARKDOWN : PASTED;
        let text = original;
        clearAllSentenceMemos();
        analyze(text, OPTIONS);
        for (const e of edits) {
          text = applyTextEdit(text, e);
          // Warm: the memos hold every earlier version.
          const warm = analyze(text, OPTIONS);
          assert.deepStrictEqual(mismatches(warm.document), [], JSON.stringify(text));
          assert.deepStrictEqual(decided(warm), cold(text), JSON.stringify(text));
          // cold() emptied the memos: fill them again with the edited text for the next edit.
          analyze(original, OPTIONS);
          analyze(text, OPTIONS);
        }
      }),
      runs(60),
    );
  });
});
