import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, type AnalysisResult } from '../../../server/src/analysis';
import { MAX_SENTENCES, sentenceFacts, sentenceFactsHeld } from '../../../server/src/analysis/requirements/sentenceFacts';
import { clearAllSentenceMemos } from '../../../server/src/model/sentenceMemo';
import { FIXTURES, SHARED } from '../../helpers/paths';

// Re-analysis after an edit reuses what is known of every unchanged sentence
// (which patterns it matches). It must give exactly what a first analysis of
// the edited text gives.

const OPTIONS = { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'] as ('gdpr' | 'ccpa' | 'caloppa' | 'coppa')[], asOf: '2026-11-22' };

/** What the requirements check decided: statuses, evidence ranges and the findings it reported. */
function requirementsOutcome(r: AnalysisResult) {
  return {
    requirements: r.requirements,
    findings: r.findings.filter(f => f.kind === 'requirement').map(f => ({ ruleId: f.ruleId, range: f.range, severity: f.severity, message: f.message, related: f.related })),
  };
}

function cold(text: string) {
  clearAllSentenceMemos();
  return requirementsOutcome(analyze(text, OPTIONS));
}

/** The text with one letter near `at` changed, as a keystroke would. */
function oneCharEdit(text: string, at: number): string {
  let i = Math.min(Math.max(0, at), text.length - 1);
  while (i < text.length && !/[a-z]/.test(text[i])) i++;
  if (i >= text.length) return text + 'x';
  return text.slice(0, i) + (text[i] === 'e' ? 'a' : 'e') + text.slice(i + 1);
}

function policies(): [string, string][] {
  const dirs = [path.join(FIXTURES, 'requirements'), path.join(SHARED, 'seeds')].filter(d => fs.existsSync(d));
  return dirs.flatMap(d => fs.readdirSync(d).filter(n => /\.(md|txt)$/.test(n)).map(n => [n, fs.readFileSync(path.join(d, n), 'utf8')] as [string, string]));
}

describe('requirements re-analysis through the sentence memo', function () {
  this.timeout(60_000);

  it('gives the statuses, evidence and findings of a first analysis, after edits anywhere in the policy', () => {
    for (const [name, text] of policies()) {
      const edits = [oneCharEdit(text, text.length >> 1), oneCharEdit(text, text.length >> 2), text.slice(0, text.length >> 1) + text.slice((text.length >> 1) + 200), text + '\n\nWe are Acme Data Ltd, 1 Main Street, and you can reach us at privacy@acme.example.\n'];
      for (const edited of edits) {
        const expected = cold(edited);
        clearAllSentenceMemos();
        analyze(text, OPTIONS);
        assert.ok(sentenceFactsHeld() > 0, 'the first analysis fills the memo');
        assert.deepStrictEqual(requirementsOutcome(analyze(edited, OPTIONS)), expected, name);
      }
    }
  });

  it('sees an edit that takes the evidence away, and one that gives it back', () => {
    const withContact = '# Privacy Policy\n\nAcme Data Ltd is the controller of your personal data.\n\n## Contact\n\nYou can reach us at privacy@acme.example.\n';
    const withoutContact = withContact.replace('privacy@acme.example', 'privacy at our office');
    const status = (r: ReturnType<typeof requirementsOutcome>, id: string) => r.requirements.find(q => q.id === id)?.status;
    clearAllSentenceMemos();
    const first = requirementsOutcome(analyze(withContact, OPTIONS));
    const edited = requirementsOutcome(analyze(withoutContact, OPTIONS));
    const back = requirementsOutcome(analyze(withContact, OPTIONS));
    assert.strictEqual(status(first, 'general/contact'), 'present');
    assert.notStrictEqual(status(edited, 'general/contact'), 'present');
    assert.deepStrictEqual(edited, cold(withoutContact));
    assert.deepStrictEqual(back, first);
  });

  it('stays bounded however many sentences it sees', () => {
    clearAllSentenceMemos();
    for (let i = 0; i < MAX_SENTENCES + 2_000; i++) sentenceFacts(`We keep record ${i} for ${i % 97} days.`);
    assert.ok(sentenceFactsHeld() <= MAX_SENTENCES, `${sentenceFactsHeld()} sentences held`);
    assert.ok(sentenceFactsHeld() > MAX_SENTENCES / 2);
  });
});
