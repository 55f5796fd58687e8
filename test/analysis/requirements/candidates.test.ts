import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { requirementsFile, type EvidenceClause } from '../../../server/src/knowledge/files/requirements';
import { buildDocument } from '../../../server/src/model/document';
import { SentenceCandidates } from '../../../server/src/analysis/requirements/candidates';
import { requiredLiteralSets } from '../../../server/src/analysis/requirements/literals';
import { compiledPattern, matchText } from '../../../server/src/analysis/requirements/patterns';
import { FIXTURES, SHARED } from '../../helpers/paths';

// The candidate pre-test may only rule sentences out that a pattern cannot
// match: a wrong guess here would silently hide a disclosure.

describe('literal sets of a pattern (every match holds one literal of each set)', () => {
  it('reads one set per word of a sequence, so each narrows the sentences further', () => {
    assert.deepStrictEqual(requiredLiteralSets("\\b(?:operated|based)\\b (?:[\\w'-]+ ){0,3}in the (?:united states|usa)\\b"), [['operated', 'based'], ['in the '], ['united states', 'usa']]);
    assert.deepStrictEqual(requiredLiteralSets('\\bright to erasure\\b'), [['right to erasure']]);
  });

  it('falls back to a single set for alternatives, and to none when a match may hold no literal', () => {
    assert.deepStrictEqual(requiredLiteralSets('abc|def'), [['abc', 'def']]);
    assert.strictEqual(requiredLiteralSets('\\w+@\\w+'), null);
    assert.strictEqual(requiredLiteralSets('abc|\\d+'), null);
  });
});

describe('sentence candidates found through the trigram index', () => {
  const bruteForce = (sentences: string[], literals: string[][]) => sentences.map(s => (literals.every(set => set.some(l => s.includes(l))) ? 1 : 0));

  it('finds a literal at the very start and end of the text, repeated, overlapping and spanning many trigrams', () => {
    const sentences = ['data sold here', 'we never sell data', 'sold sold', 'nothing to see', 'aaaa', 'end with data'];
    const c = new SentenceCandidates(sentences);
    const cases = [[['data']], [['sold']], [['aaa']], [['data'], ['sold', 'sell']], [['nothing to see']], [['absent']]];
    cases.forEach((literals, n) => {
      const p = { id: 100_000 + n, re: /unused/, literals: null, literalSets: literals };
      assert.deepStrictEqual([...c.forPattern(p)!], bruteForce(sentences, literals), JSON.stringify(literals));
    });
  });

  it('never rules out a sentence that a requirements pattern matches (fixtures and, when present, the seeds)', () => {
    const dirs = [path.join(FIXTURES, 'requirements'), path.join(SHARED, 'seeds')].filter(d => fs.existsSync(d));
    const k = loadKnowledge(requirementsFile);
    const clauses: EvidenceClause[] = [...k.requirements.flatMap(r => [...r.evidence, ...(r.and ?? []).flatMap(p => p.evidence)]), ...k.conditions.flatMap(c => [...(c.evidence ?? []), ...(c.against ?? [])])];
    const sources = [...new Set(clauses.flatMap(c => [...(c.all ?? []), ...(c.any ?? []), ...(c.not ?? [])]))];
    let checked = 0;
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir).filter(n => /\.(md|txt)$/.test(n))) {
        const texts = buildDocument(fs.readFileSync(path.join(dir, name), 'utf8')).sentences.map(s => matchText(s.text));
        const candidates = new SentenceCandidates(texts.map(t => t.lower));
        for (const source of sources) {
          const p = compiledPattern(source);
          const may = candidates.forPattern(p);
          texts.forEach((t, i) => {
            if (p.re.test(t.text)) {
              checked++;
              assert.ok(!may || may[i] === 1, `${name}: "${t.text}" matches ${source} but was ruled out`);
            }
          });
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} matches checked`);
  });
});
