import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { requirementsFile, type EvidenceClause } from '../../../server/src/knowledge/files/requirements';
import { sectionTopicsFile } from '../../../server/src/knowledge/files/sectionTopics';
import { requiredLiterals } from '../../../server/src/analysis/requirements/literals';
import { SHARED } from '../../helpers/paths';

describe('requirements.yaml against the catalog and the section topics', () => {
  const k = () => loadKnowledge(requirementsFile);

  it('defines exactly the requirement ids of CATALOG.md, with their citations', function () {
    const catalog = path.join(SHARED, 'CATALOG.md');
    if (!fs.existsSync(catalog)) this.skip();
    const rows = fs.readFileSync(catalog, 'utf8').split('\n').filter(l => /^\| (gdpr|ccpa|caloppa|coppa|general)\//.test(l));
    const expected = rows.map(l => l.split('|')[1].trim());
    assert.deepStrictEqual(k().requirements.map(r => r.id).sort(), expected.sort());
    for (const row of rows) {
      const [, id, , citation] = row.split('|').map(c => c.trim());
      const ours = k().requirements.find(r => r.id === id)!;
      // Our citations spell out "Civ. Code"/"Regs" where the catalog abbreviates; the section numbers must agree.
      const sections = (s: string) => (s.match(/\d+(?:\.\d+)?(?:\(\w+\))*/g) ?? []).join(' ');
      assert.strictEqual(sections(ours.citation), sections(citation), `${id}: ${ours.citation} vs ${citation}`);
    }
  });

  it('places and scopes clauses only by topics that section-topics.yaml defines', () => {
    const topics = new Set(loadKnowledge(sectionTopicsFile).topics.map(t => t.id));
    const clauseTopics = (c: EvidenceClause) => [...(c.within ?? []), ...(c.notWithin ?? []), ...(c.unlessWithin ?? [])];
    for (const r of k().requirements) {
      for (const t of [r.topic, ...(r.placement ?? []), ...(r.sections ?? []), ...r.evidence.flatMap(clauseTopics), ...(r.and ?? []).flatMap(p => p.evidence.flatMap(clauseTopics))]) {
        assert.ok(topics.has(t), `${r.id} names unknown topic "${t}"`);
      }
    }
    for (const c of k().conditions) for (const t of [...(c.evidence ?? []), ...(c.against ?? [])].flatMap(clauseTopics)) assert.ok(topics.has(t), `${c.id} names unknown topic "${t}"`);
  });

  it('uses the requirement id as the clause template id, and links every provision', () => {
    for (const r of k().requirements) {
      assert.strictEqual(r.template, r.id);
      assert.match(r.url, /^https:\/\/(eur-lex\.europa\.eu|leginfo\.legislature\.ca\.gov|cppa\.ca\.gov|www\.ecfr\.gov)\//, r.id);
    }
  });
});

describe('required literals of a pattern (the pre-test before a regular expression runs)', () => {
  it('reads the literal every match must contain', () => {
    assert.deepStrictEqual(requiredLiterals('\\bright to erasure\\b'), ['right to erasure']);
    assert.deepStrictEqual(requiredLiterals('\\b(?:request|ask)\\w*\\b[^.]{0,40}\\bdelet'), ['delet']);
    assert.deepStrictEqual(requiredLiterals('\\bsells?\\b'), ['sell']);
  });

  it('gives up rather than guess when a match may contain none of them', () => {
    assert.strictEqual(requiredLiterals('(?:abc)?def?'), null, 'too short once the optional parts go');
    assert.strictEqual(requiredLiterals('\\w+\\s\\w+'), null);
    assert.strictEqual(requiredLiterals('abc|\\w+'), null, 'one alternative has no literal');
  });
});
