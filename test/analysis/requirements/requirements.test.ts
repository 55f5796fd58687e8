import * as assert from 'assert';
import * as fs from 'fs';
import { parse } from 'yaml';
import { analyze, type AnalysisResult, type Finding } from '../../../server/src/analysis';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { requirementsFile, type Requirement } from '../../../server/src/knowledge/files/requirements';
import { fixture } from '../../helpers/paths';

interface Case {
  file: string;
  jurisdictions?: string[];
  present?: Record<string, string>;
  missing?: Record<string, string>;
  'not-applicable'?: string[];
}

const ALL = ['gdpr', 'ccpa', 'caloppa', 'coppa'];
const AS_OF = '2026-11-22';
const cases = parse(fs.readFileSync(fixture('requirements/cases.yaml'), 'utf8')) as Case[];
const requirements = () => loadKnowledge(requirementsFile).requirements;
const requirement = (id: string) => requirements().find(r => r.id === id) as Requirement;

function check(file: string, jurisdictions = ALL) {
  const text = fs.readFileSync(fixture(file), 'utf8');
  const result = analyze(text, { jurisdictions, asOf: AS_OF });
  const lines = text.split(/\r?\n/);
  const slice = (r: Finding['range']) => (r.start.line === r.end.line ? lines[r.start.line].slice(r.start.character, r.end.character) : `${lines[r.start.line].slice(r.start.character)}\n…`);
  return { text, result, slice };
}

function status(result: AnalysisResult, id: string) {
  return result.requirements.find(r => r.id === id);
}

describe('missing disclosures (requirements.yaml)', () => {
  for (const c of cases) {
    describe(c.file, () => {
      const run = () => check(`requirements/${c.file}`, c.jurisdictions ?? ALL);

      for (const [id, words] of Object.entries(c.present ?? {})) {
        it(`${id} is present, with evidence on “${words}”`, () => {
          const { result, slice } = run();
          const s = status(result, id);
          assert.strictEqual(s?.status, 'present', `${id} should be present`);
          const covered = s!.evidence.map(e => slice(e.range));
          assert.ok(covered.some(t => t.includes(words)), `evidence ${JSON.stringify(covered)} should include “${words}”`);
          assert.ok(!result.findings.some(f => f.ruleId === id), `no finding for a present ${id}`);
        });
      }

      for (const [id, heading] of Object.entries(c.missing ?? {})) {
        it(`${id} is missing, reported on “${heading}” with its provision`, () => {
          const { result, slice } = run();
          assert.strictEqual(status(result, id)?.status, 'missing');
          const r = requirement(id);
          const findings = result.findings.filter(f => f.ruleId === id);
          assert.strictEqual(findings.length, 1, `one finding for ${id}`);
          const f = findings[0];
          assert.strictEqual(slice(f.range), heading);
          assert.strictEqual(f.kind, 'requirement');
          assert.strictEqual(f.severity, r.severity);
          assert.strictEqual(f.message, r.message);
          assert.strictEqual(f.citation, r.citation);
          assert.strictEqual(f.url, r.url);
          assert.deepStrictEqual(status(result, id)?.evidence, []);
        });
      }

      for (const id of c['not-applicable'] ?? []) {
        it(`${id} is not applicable`, () => {
          const { result } = run();
          assert.strictEqual(status(result, id)?.status, 'not-applicable');
          assert.ok(!result.findings.some(f => f.ruleId === id && f.severity !== 'hint'), `no warning for an inapplicable ${id}`);
        });
      }
    });
  }

  it('has a present and a missing case for every requirement (here or in complete-policy.md)', () => {
    const complete = check('complete-policy.md').result;
    for (const r of requirements()) {
      const present = cases.some(c => c.present?.[r.id]) || status(complete, r.id)?.status === 'present';
      const missing = cases.some(c => c.missing?.[r.id]);
      assert.ok(present, `${r.id} has no present case`);
      assert.ok(missing, `${r.id} has no missing case`);
    }
  });

  describe('the complete, well-drafted policy (test/fixtures/complete-policy.md)', () => {
    it('produces no missing-disclosure finding under all four laws', () => {
      const { result } = check('complete-policy.md');
      const missing = result.findings.filter(f => f.kind === 'requirement');
      assert.deepStrictEqual(missing.map(f => f.ruleId), []);
      assert.deepStrictEqual(result.requirements.filter(r => r.status === 'missing').map(r => r.id), []);
    });

    it('keeps the evidence of each disclosure and counts coverage per law', () => {
      const { result } = check('complete-policy.md');
      for (const r of result.requirements.filter(x => x.status === 'present')) assert.ok(r.evidence.length > 0, `${r.id} has evidence`);
      const coverage = Object.fromEntries(result.coverage.map(c => [c.jurisdiction, `${c.present}/${c.applicable}`]));
      const count = (j: string) => requirements().filter(r => r.jurisdiction === j).length;
      // The policy uses sensitive personal information only as §7027(m) permits, so the right to limit does not apply.
      assert.deepStrictEqual(coverage, { gdpr: `${count('gdpr')}/${count('gdpr')}`, ccpa: `${count('ccpa') - 1}/${count('ccpa') - 1}`, caloppa: `${count('caloppa')}/${count('caloppa')}`, coppa: '1/1' });
      assert.strictEqual(status(result, 'ccpa/right-to-limit')?.status, 'not-applicable');
    });
  });

  describe('judging evidence on the shape of a sentence, not on words', () => {
    const policy = (body: string) => analyze(`# Privacy Policy\n\n${body}\n`, { jurisdictions: ['gdpr'], asOf: AS_OF });

    it('does not take a deletion schedule for the right to erasure', () => {
      const result = policy('## Retention\n\nWe delete your data 30 days after you close your account.');
      assert.strictEqual(status(result, 'gdpr/right-to-erasure')?.status, 'missing');
      const f = result.findings.find(x => x.ruleId === 'gdpr/right-to-erasure')!;
      assert.ok(f.related.some(r => /not that people may ask for erasure/.test(r.message)), 'points at the deletion schedule');
    });

    it('takes a request to delete, in any wording, for the right to erasure', () => {
      for (const sentence of ['You can ask us to delete the personal data we hold about you.', 'You have the right to request that we erase your information.', 'Your rights include the right to be forgotten.']) {
        assert.strictEqual(status(policy(sentence), 'gdpr/right-to-erasure')?.status, 'present', sentence);
      }
    });

    it('counts a refusal to honour Do Not Track as the Do Not Track disclosure', () => {
      const result = analyze('# Privacy Policy\n\nWe do not respond to Do Not Track signals.\n', { jurisdictions: ['caloppa'], asOf: AS_OF });
      assert.strictEqual(status(result, 'caloppa/do-not-track')?.status, 'present');
    });

    it('does not take a right granted only to California residents for a GDPR right', () => {
      const result = analyze('# Privacy Policy\n\n## Your California Privacy Rights\n\nYou have the right to request deletion of your personal information.\n', { jurisdictions: ['gdpr', 'ccpa'], asOf: AS_OF });
      assert.strictEqual(status(result, 'ccpa/right-to-delete')?.status, 'present');
      assert.strictEqual(status(result, 'gdpr/right-to-erasure')?.status, 'missing');
    });

    it('takes the name the policy gives itself as "we" for the controller, but not "the Company"', () => {
      const named = policy('Acme ("Acme", "we", "us") runs this site. Write to privacy@acme.example.');
      assert.strictEqual(status(named, 'gdpr/controller-identity')?.status, 'present');
      const anonymous = policy('The Company ("we", "us") runs this site. Write to privacy@acme.example.');
      assert.strictEqual(status(anonymous, 'gdpr/controller-identity')?.status, 'missing');
    });

    it('does not take "we reserve the right to delete" for a user right', () => {
      assert.strictEqual(status(policy('We reserve the right to delete accounts that break our terms.'), 'gdpr/right-to-erasure')?.status, 'missing');
    });

    it('does not take a mere "verifiable consumer request" for a description of verification', () => {
      const result = analyze('# Privacy Policy\n\n## California\n\nTo make a verifiable consumer request, e-mail privacy@example.com.\n', { jurisdictions: ['ccpa'], asOf: AS_OF });
      assert.strictEqual(status(result, 'ccpa/verification')?.status, 'missing');
      const f = result.findings.find(x => x.ruleId === 'ccpa/verification')!;
      assert.strictEqual(f.range.start.line, 2, 'on the California heading');
      assert.ok(f.related.some(r => r.range.start.line === 4 && /not how it is verified/.test(r.message)));
    });
  });

  describe('conditions', () => {
    it('asks for an EU representative when the front matter puts the controller in the United States', () => {
      const text = '---\nclausewise:\n  controller:\n    name: Acme, Inc.\n    address: 1 Main St, Austin, TX 78701, USA\n---\n# Privacy Policy\n\nAcme, Inc. is the controller; write to privacy@acme.example.\n';
      const result = analyze(text, { jurisdictions: ['gdpr'], asOf: AS_OF });
      assert.strictEqual(status(result, 'gdpr/eu-representative')?.status, 'missing');
      assert.strictEqual(result.findings.find(f => f.ruleId === 'gdpr/eu-representative')?.severity, 'info');
    });

    it('needs no EU representative when the controller has an establishment in the Union', () => {
      const text = '# Privacy Policy\n\nAcme, Inc. is based in the United States. Our European subsidiary Acme Europe B.V. is established in the Netherlands.\n';
      assert.strictEqual(status(analyze(text, { jurisdictions: ['gdpr'], asOf: AS_OF }), 'gdpr/eu-representative')?.status, 'not-applicable');
    });

    it('gives a hint, not a warning, about a DPO when none is mentioned', () => {
      const result = analyze('# Privacy Policy\n\n## Contact\n\nWrite to privacy@acme.example.\n', { jurisdictions: ['gdpr'], asOf: AS_OF });
      assert.strictEqual(status(result, 'gdpr/dpo-contact')?.status, 'not-applicable');
      const f = result.findings.find(x => x.ruleId === 'gdpr/dpo-contact')!;
      assert.strictEqual(f.severity, 'hint');
      assert.strictEqual(f.range.start.line, 2, 'on the Contact heading');
    });

    it('takes the opt-out right as not applicable when the policy neither sells nor shares', () => {
      const result = analyze('# Privacy Policy\n\nWe do not sell or share your personal information.\n', { jurisdictions: ['ccpa'], asOf: AS_OF });
      assert.strictEqual(status(result, 'ccpa/right-to-opt-out')?.status, 'not-applicable');
      assert.strictEqual(status(result, 'ccpa/sale-sharing-statement')?.status, 'present');
    });

    it('records outcomes only for the laws applied, and general ones always', () => {
      const result = analyze('# Privacy Policy\n\nHello.\n', { jurisdictions: ['coppa'], asOf: AS_OF });
      const ids = result.requirements.map(r => r.id);
      assert.ok(ids.every(id => id.startsWith('coppa/') || id.startsWith('general/')), ids.join(', '));
      assert.ok(ids.includes('coppa/children-statement') && ids.includes('general/contact'));
    });
  });

  it('lands ranges on the right characters with CRLF line ends and a BOM', () => {
    const text = '\uFEFF# Privacy 😀 Policy\r\n\r\n## Your Rights\r\n\r\nYou may ask us to erase your data.\r\n';
    const result = analyze(text, { jurisdictions: ['gdpr'], asOf: AS_OF });
    const erasure = status(result, 'gdpr/right-to-erasure')!;
    assert.deepStrictEqual(erasure.evidence[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 34 } });
    const access = result.findings.find(f => f.ruleId === 'gdpr/right-of-access')!;
    assert.deepStrictEqual(access.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 14 } });
  });
});
