import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/analysis';
import { clauseTemplate, clauseTemplates, declaredValues, renderClause, renderClauseSnippet } from '../../../server/src/analysis/fixes/clauseTemplates';
import { vsCodeSnippetsJson } from '../../../server/src/analysis/fixes/snippets';
import { loadKnowledge, parseKnowledge } from '../../../server/src/knowledge/loader';
import { templatesFile } from '../../../server/src/knowledge/files/templates';
import { requirementsFile } from '../../../server/src/knowledge/files/requirements';
import { evaluateCondition } from '../../../server/src/analysis/requirements/conditions';
import { buildDocument } from '../../../server/src/model/document';
import { ROOT } from '../../helpers/paths';

const AS_OF = '2026-11-22';

// A policy that declares who it is, and otherwise says nothing.
const FRONT_MATTER = [
  '---',
  'clausewise:',
  '  jurisdictions: [gdpr, ccpa, caloppa, coppa]',
  '  controller:',
  '    name: Quillfeather Software Ltd',
  '    address: 14 Harbour Road, Cork T12 X8Y2, Ireland',
  '    email: privacy@quillfeather.example',
  '    phone: 1-800-555-0142',
  '  dpo:',
  '    name: Aoife Brennan',
  '    email: dpo@quillfeather.example',
  '  euRepresentative:',
  '    name: Quillfeather EU Representative Ltd',
  '    address: 3 Rue du Port, 1000 Brussels, Belgium',
  '    email: eu-rep@quillfeather.example',
  '---',
  '',
].join('\n');
const EMPTY_POLICY = `${FRONT_MATTER}\n# Privacy Policy\n`;

const requirements = () => loadKnowledge(requirementsFile).requirements;
const conditions = () => loadKnowledge(requirementsFile).conditions;

/**
 * For each condition of requirements.yaml that a bare policy does not meet:
 * a sentence that makes it hold without itself making the disclosure, so that
 * the conditional requirement is missing and its clause has work to do.
 */
const CONDITION_TRIGGERS: Readonly<Record<string, string>> = {
  'legitimate-interests-relied-on': 'We rely on our legitimate interests for some of the processing this policy describes.',
  'consent-relied-on': 'We process some of your personal data with your consent.',
  'data-from-other-sources': 'We also receive personal data about you from third parties.',
  'sensitive-pi-beyond-permitted-purposes': 'We use sensitive personal information to infer characteristics about you.',
  'review-process-offered': 'You can update your account details at any time.',
  'tracking-technologies-used': 'Our website relies on cookies.',
};

/** A policy that declares who it is and, when the requirement is conditional, says what makes it apply: the disclosure itself is absent. */
function policyLacking(requirementId: string): string {
  const r = requirements().find(x => x.id === requirementId)!;
  if (!r.condition) return EMPTY_POLICY;
  const condition = conditions().find(c => c.id === r.condition);
  assert.ok(condition, `${r.id} names an unknown condition ${r.condition}`);
  if (evaluateCondition(buildDocument(EMPTY_POLICY), condition).holds) return EMPTY_POLICY;
  const trigger = CONDITION_TRIGGERS[condition.id];
  assert.ok(trigger, `no sentence in CONDITION_TRIGGERS makes condition ${condition.id} hold (needed by ${r.id})`);
  const text = `${EMPTY_POLICY}\n${trigger}\n`;
  const outcome = evaluateCondition(buildDocument(text), condition);
  assert.ok(outcome.holds && outcome.source === 'text', `"${trigger}" does not make ${condition.id} hold (${outcome.source})`);
  return text;
}

describe('clause templates', () => {
  it('has exactly one template per requirement of the catalog, under the same id', () => {
    const ids = requirements().map(r => r.id);
    assert.ok(ids.length >= 40, `${ids.length} requirements in the catalog`);
    assert.strictEqual(clauseTemplates().length, ids.length);
    for (const r of requirements()) {
      assert.strictEqual(r.template, r.id, `${r.id} names template ${r.template}`);
      assert.ok(clauseTemplate(r.template), `no template for ${r.id}`);
    }
  });

  describe('each clause, inserted into a policy that lacks it (and, for a conditional one, shows its trigger), satisfies its requirement', () => {
    const values = declaredValues(buildDocument(EMPTY_POLICY).frontMatter?.declarations, AS_OF);
    for (const r of requirements()) {
      it(r.id, () => {
        const text = `${policyLacking(r.id)}\n${renderClause(clauseTemplate(r.template)!, 2, values)}\n`;
        const status = analyze(text, { asOf: AS_OF }).requirements.find(x => x.id === r.id);
        assert.strictEqual(status?.status, 'present', `${r.id} is ${status?.status} with:\n${text}`);
      });
    }
  });

  it('refuses a template that uses an unknown variable or snippet syntax', () => {
    const head = ['variables:', '  - name: controller.email', "    placeholder: '[e-mail]'", 'templates:', '  - id: x/y', '    title: T'];
    assert.throws(() => parseKnowledge(templatesFile, [...head, '    body: Write to {{controller.mail}}.', ''].join('\n'), 'templates.yaml'), /uses \{\{controller\.mail\}\}, which is not among the variables/);
    assert.throws(() => parseKnowledge(templatesFile, [...head, '    body: Pay 5 $ to {{controller.email}}.', ''].join('\n'), 'templates.yaml'), /must not contain \$/);
  });

  it('fills front matter values and keeps [placeholders] for the others', () => {
    const t = clauseTemplate('gdpr/controller-identity')!;
    assert.strictEqual(
      renderClause(t, 3, { 'controller.name': 'Acme Ltd' }),
      '### Who We Are\n\nAcme Ltd is the controller responsible for the processing of your personal data described in this policy. You can contact us by post at [postal address] or by e-mail at [privacy contact e-mail].',
    );
    assert.strictEqual(renderClause(clauseTemplate('ccpa/last-updated')!, 0, declaredValues(undefined, '2026-03-09')).split('\n')[2], 'This privacy policy was last updated on March 9, 2026. We review and update it at least once every 12 months.');
    assert.match(renderClause(clauseTemplate('ccpa/last-updated')!, 2, declaredValues({ lastUpdated: '2026-01-15' }, AS_OF)), /last updated on January 15, 2026\./);
  });

  it('turns placeholders into numbered tab stops, one per variable, in snippets', () => {
    const snippet = renderClauseSnippet(clauseTemplate('gdpr/right-to-erasure')!, 2, {});
    assert.strictEqual(snippet.split('\n')[0], '## Your Right to Erasure');
    // The same variable is one tab stop, typed once.
    const contact = renderClauseSnippet(clauseTemplate('general/contact')!, 2, {});
    assert.ok(contact.includes('${1:[privacy contact e-mail]}') && contact.includes('${2:[company name]}, ${3:[postal address]}'), contact);
    assert.ok(contact.endsWith('\n$0'));
    const filled = renderClauseSnippet(clauseTemplate('general/contact')!, 2, { 'controller.email': 'a$b}@x.example' });
    assert.ok(filled.includes('a\\$b\\}@x.example'), 'front matter values are escaped for the snippet syntax');
  });

  it('generates snippets/clausewise.code-snippets from the same templates (run the build after editing templates.yaml)', () => {
    const file = path.join(ROOT, 'snippets', 'clausewise.code-snippets');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), vsCodeSnippetsJson());
    const snippets = JSON.parse(vsCodeSnippetsJson()) as Record<string, { prefix: string[]; body: string[] }>;
    assert.strictEqual(Object.keys(snippets).length, clauseTemplates().length);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepStrictEqual(pkg.contributes.snippets, [{ language: 'markdown', path: './snippets/clausewise.code-snippets' }]);
  });

  describe('each missing-disclosure quick fix, applied to a policy that lacks it, resolves its finding with exactly the template', () => {
    const before = analyze(EMPTY_POLICY, { asOf: AS_OF });
    it('offers a clause for every requirement missing from an empty policy', () => {
      const missing = before.findings.filter(f => f.kind === 'requirement' && before.requirements.some(r => r.id === f.ruleId && r.status === 'missing'));
      assert.ok(missing.length >= 30, `${missing.length} missing`);
      for (const f of missing) assert.ok(f.fixes.some(x => x.title.startsWith('Insert a clause')), f.ruleId);
    });

    it('knows a triggering sentence for every condition a requirement depends on (and only for those)', () => {
      const used = new Set(requirements().flatMap(r => (r.condition ? [r.condition] : [])));
      const unused = Object.keys(CONDITION_TRIGGERS).filter(id => !used.has(id));
      assert.deepStrictEqual(unused, [], 'triggers for conditions no requirement uses');
      const conditional = requirements().filter(r => r.condition);
      assert.ok(conditional.length >= 6, `${conditional.length} conditional requirements`);
    });

    for (const r of requirements()) {
      it(r.id, () => {
        const text = policyLacking(r.id);
        const result = analyze(text, { asOf: AS_OF });
        assert.strictEqual(result.requirements.find(x => x.id === r.id)?.status, 'missing', `${r.id} is not missing from:\n${text}`);
        const finding = result.findings.find(f => f.ruleId === r.id);
        assert.ok(finding, `no finding for ${r.id}`);
        const fix = finding.fixes.find(x => x.title.startsWith('Insert a clause'));
        assert.ok(fix, `${r.id}: no "Insert a clause" fix among ${JSON.stringify(finding.fixes.map(x => x.title))}`);
        assert.strictEqual(fix.edits.length, 1);
        const [edit] = fix.edits;
        assert.deepStrictEqual(edit.range.start, edit.range.end, 'a pure insertion');

        const lines = result.document.lines;
        const at = lines.offsetAt(edit.range.start);
        const after = text.slice(0, at) + edit.newText + text.slice(at);
        // No section has the topic and there is no contact section: the clause closes the policy, one level below its title.
        const values = declaredValues(result.document.frontMatter?.declarations, AS_OF);
        const clause = renderClause(clauseTemplate(r.template)!, 2, values);
        assert.strictEqual(after, `${text.trimEnd()}\n\n${clause}\n`, 'the policy, then the rendered template as its own section');

        const fixedStatus = analyze(after, { asOf: AS_OF }).requirements.find(x => x.id === r.id);
        assert.strictEqual(fixedStatus?.status, 'present', `${r.id} is ${fixedStatus?.status} after the fix:\n${after}`);
      });
    }
  });
});
