import { loadKnowledge } from '../../knowledge/loader';
import { conflictsFile } from '../../knowledge/files/conflicts';
import type { Check, CheckContext, RuleMeta } from '../check';
import { compileChildAge, runChildAge } from '../conflicts/childAge';
import { compilePhraseConflict, runPhraseConflict } from '../conflicts/phraseConflicts';
import { runRetention } from '../conflicts/retention';
import { compileStatementConflict, lookalikePatterns, runStatementConflict } from '../conflicts/statementConflicts';
import { compileBeforeFirstScan } from '../phrases/literalFilter';
import type { Severity } from '../types';

compileBeforeFirstScan(() => {
  const k = loadKnowledge(conflictsFile);
  k.statementConflicts.forEach(compileStatementConflict);
  lookalikePatterns(k.denialLookalikes);
  k.phraseConflicts.forEach(compilePhraseConflict);
  compileChildAge(k.consistency.childAge);
});

/** Contradictions between clauses of one policy (conflicts.yaml). */
export const conflictsCheck: Check = {
  name: 'conflicts',
  rules(): RuleMeta[] {
    const k = loadKnowledge(conflictsFile);
    return [...k.statementConflicts, ...k.phraseConflicts, k.consistency.childAge, k.consistency.retention].map(r => ({
      id: r.id,
      kind: 'conflict',
      title: r.title,
      explanation: r.explanation.trim(),
      citation: r.citation,
      url: r.url,
      severity: r.severity as Severity,
    }));
  },
  run(ctx: CheckContext, ruleId: string) {
    const k = loadKnowledge(conflictsFile);
    const statement = k.statementConflicts.find(r => r.id === ruleId);
    if (statement) return runStatementConflict(ctx, statement, k.denialLookalikes);
    const phrase = k.phraseConflicts.find(r => r.id === ruleId);
    if (phrase) return runPhraseConflict(ctx, phrase);
    if (ruleId === k.consistency.childAge.id) return runChildAge(ctx, k.consistency.childAge);
    if (ruleId === k.consistency.retention.id) return runRetention(ctx, k.consistency.retention);
  },
};
