import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { analyze } from '../../../server/src/analysis';
import { clearAllSentenceMemos } from '../../../server/src/model/sentenceMemo';
import { FIXTURES } from '../../helpers/paths';
import { runs, timeoutFor } from '../../robustness/fuzzConfig';

// Re-analysis after an edit reads what the phrase, conflict and hygiene rules
// found in unchanged sentences from memory: the findings must be those of a
// first analysis of the edited text, wherever the sentences moved.

const OPTIONS = { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'] as ('gdpr' | 'ccpa' | 'caloppa' | 'coppa')[], asOf: '2026-11-22' };
const FAMILIES = /^(?:risk|outdated|conflict|hygiene)\//;

function findings(text: string): string[] {
  return analyze(text, OPTIONS)
    .findings.filter(f => FAMILIES.test(f.ruleId))
    .map(f => JSON.stringify(f));
}

/** Findings of a first analysis: every sentence memo emptied. */
function cold(text: string): string[] {
  clearAllSentenceMemos();
  return findings(text);
}

const FIXTURE_DIRS = ['conflicts', 'risks', 'hygiene'];
const fixtures = FIXTURE_DIRS.flatMap(dir => fs.readdirSync(path.join(FIXTURES, dir)).map(name => fs.readFileSync(path.join(FIXTURES, dir, name), 'utf8')));
const allFixtures = fixtures.join('\n\n');

describe('per-sentence results of the phrase, conflict and hygiene rules, remembered across analyses', function () {
  this.timeout(timeoutFor(60000));
  after(() => clearAllSentenceMemos());

  it('gives a finding at its new place when text is inserted before its sentence', () => {
    const text = '# Privacy Policy\n\nYour data is completely secure with us. We never sell it.\n';
    const moved = text.replace('# Privacy Policy\n\n', '# Privacy Policy\n\nWe wrote this policy for our customers.\n\n');
    const first = analyze(text, OPTIONS).findings.filter(f => f.ruleId === 'risk/absolute-security');
    const again = analyze(moved, OPTIONS).findings.filter(f => f.ruleId === 'risk/absolute-security');
    assert.strictEqual(first.length, 1);
    assert.deepStrictEqual(again.map(f => f.range), [{ start: { line: 4, character: 13 }, end: { line: 4, character: 30 } }]);
    assert.deepStrictEqual(again.map(f => JSON.stringify(f)), cold(moved).filter(f => f.includes('risk/absolute-security')));
  });

  it('gives the findings of a first analysis after each fixture is analysed twice', () => {
    for (const text of fixtures) {
      const first = cold(text);
      assert.deepStrictEqual(findings(text), first);
    }
  });

  it('gives the findings of a first analysis after an edit anywhere in the fixtures', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', 'e', 'a', ' ', '.', '\n\n', 'not ', 'under 16 ', 'defined below', 'completely secure', 'Privacy Shield', '“'));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), edits => {
        let text = allFixtures;
        clearAllSentenceMemos();
        findings(text);
        for (const [at, length, insert] of edits) {
          const i = at % text.length;
          text = text.slice(0, i) + insert + text.slice(i + length);
          // Warm: the memos hold the previous version's sentences.
          const warm = findings(text);
          assert.deepStrictEqual(warm, cold(text));
        }
      }),
      runs(12),
    );
  });
});
