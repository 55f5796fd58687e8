import * as assert from 'assert';
import fc from 'fast-check';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { sectionTopicsFile } from '../../../server/src/knowledge/files/sectionTopics';
import { sectionsWithTopic, topicsOf, withinTopic } from '../../../server/src/analysis/sectionTopics';
import { buildDocument } from '../../../server/src/model/document';
import { clearAllSentenceMemos } from '../../../server/src/model/sentenceMemo';
import { runs } from '../../robustness/fuzzConfig';

// The topics of a section's title are kept on the section (hidden) and by
// title text: after an edit of a heading, the section must announce the
// topics of its new title, and nothing else may notice the hidden value.

/** The topics the knowledge's cues find in a title, read afresh. */
function topicsOfTitle(title: string): string[] {
  return loadKnowledge(sectionTopicsFile)
    .topics.filter(t => t.cues.some(c => new RegExp(c, 'iu').test(title)))
    .map(t => t.id);
}

const TITLES = ['Your Rights and Choices', 'Children', 'Information We Collect', 'How We Share Information', 'Data Retention', 'Contact Us', 'Cookies', 'Security', 'Changes to This Policy'];

describe('topics of section titles (sectionTopics)', () => {
  after(() => clearAllSentenceMemos());

  it('follows a heading through edits, as its title reads afresh ("ſ", the Kelvin sign, case)', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('', 'x', 'ſ', '\u212a', 'S', ' and ', 'Rights', 'Kids', '😀', 'é'));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TITLES), { minLength: 1, maxLength: 5 }), fc.array(edit, { maxLength: 6 }), fc.boolean(), (titles, edits, upper) => {
        let headings = titles.map(t => (upper ? t.toUpperCase() : t));
        for (const [at, length, insert] of edits) {
          const h = at % headings.length;
          const title = headings[h];
          const i = at % (title.length + 1);
          headings = headings.map((t, k) => (k === h ? title.slice(0, i) + insert + title.slice(i + length) : t));
          const doc = buildDocument(headings.map(t => `## ${t.replace(/\n/g, ' ') || 'Untitled'}\n\nWe wrote this section.\n`).join('\n'));
          for (const section of doc.sections) {
            assert.deepStrictEqual(topicsOf(section), topicsOfTitle(section.title), section.title);
            for (const topic of topicsOfTitle(section.title)) {
              assert.ok(sectionsWithTopic(doc, topic).includes(section));
              assert.ok(withinTopic(section, topic));
            }
          }
        }
      }),
      runs(80),
    );
  });

  it('keeps the topics out of sight: a section asked about equals one never asked', () => {
    const text = '# Privacy Policy\n\n## Your Rights and Choices\n\nYou may ask us.\n\n## Children\n\nWe do not sell.\n';
    const asked = buildDocument(text);
    for (const s of asked.sections) topicsOf(s);
    assert.deepStrictEqual(topicsOf(asked.sections[1]), topicsOfTitle('Your Rights and Choices'));
    assert.ok(topicsOf(asked.sections[1]).length > 0);
    clearAllSentenceMemos();
    const fresh = buildDocument(text);
    assert.deepStrictEqual(asked.sections, fresh.sections);
    assert.deepStrictEqual(Object.keys(asked.sections[1]), Object.keys(fresh.sections[1]));
  });

  it('gives a frozen section its topics too', () => {
    const doc = buildDocument('## Children\n\nWe do not knowingly collect data.\n');
    const section = Object.freeze(doc.sections[0]);
    assert.deepStrictEqual(topicsOf(section), topicsOfTitle('Children'));
  });
});
