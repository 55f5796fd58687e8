import * as assert from 'assert';
import * as fs from 'fs';
import { analyze } from '../../../server/src/analysis';
import { clauseFix } from '../../../server/src/analysis/fixes/clauseFixes';
import { insertionText, placeClause } from '../../../server/src/analysis/fixes/clausePlacement';
import type { SpanFix } from '../../../server/src/analysis/types';
import { buildDocument } from '../../../server/src/model/document';
import { loadKnowledge } from '../../../server/src/knowledge/loader';
import { requirementsFile } from '../../../server/src/knowledge/files/requirements';
import { fixture } from '../../helpers/paths';

const AS_OF = '2026-11-22';

function apply(text: string, fix: SpanFix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function fixed(text: string, requirementId: string): string {
  const fix = clauseFix({ doc: buildDocument(text), asOf: AS_OF }, requirementId);
  assert.ok(fix, `no clause fix for ${requirementId}`);
  assert.strictEqual(fix.safe, false, 'a clause is a lawyer’s choice, never applied by fix-all');
  return apply(text, fix);
}

const read = (name: string) => fs.readFileSync(fixture(`lsp/${name}`), 'utf8');

describe('clause insertion fixes', () => {
  it('inserts at the end of the section of the requirement’s topic, before the next heading, at its level, filled from the front matter', () => {
    const text = read('markdown-policy.md');
    const out = fixed(text, 'gdpr/controller-identity');
    // Topic "controller" is absent; its placement topic "contact" is the last section: the clause follows it.
    assert.ok(
      out.endsWith(
        [
          'Write to privacy@lindenbaum.example with any question about this policy.',
          '',
          '## Who We Are',
          '',
          'Lindenbaum Analytics GmbH is the controller responsible for the processing of your personal data described in this policy. You can contact us by post at Gartenweg 12, 10115 Berlin, Germany or by e-mail at privacy@lindenbaum.example.',
          '',
        ].join('\n'),
      ),
      out,
    );
    assert.strictEqual(out.slice(0, text.length - 1), text.slice(0, -1));

    const middle = fixed(text, 'gdpr/statutory-requirement');
    const expected = text.replace(
      'usage data about how you use the dashboard.\n\n## How We Use Your Data',
      [
        'usage data about how you use the dashboard.',
        '',
        '## Whether You Must Provide Your Data',
        '',
        'Providing your name, e-mail address and payment details is a contractual requirement: we need them to create your account and provide the service, and if you do not provide them we cannot provide the service to you. Providing any other personal data is voluntary, and not providing it has no consequences other than [describe the consequences, if any]. You are not under a statutory obligation to provide personal data to us.',
        '',
        '## How We Use Your Data',
      ].join('\n'),
    );
    assert.strictEqual(middle, expected);
  });

  it('goes after a whole section with its subsections, and before the contact section when no section has the topic', () => {
    const text = read('nested-policy.md');
    const rights = fixed(text, 'gdpr/right-to-object');
    assert.ok(rights.includes('You may ask us to erase your personal data.\n\n## Your Right to Object\n\nYou may object at any time'), rights);
    assert.ok(rights.includes('contact us at [privacy contact e-mail].\n\n## 3. Questions\n'), 'no front matter e-mail: the placeholder stays visible');

    const purposes = fixed(text, 'gdpr/purposes');
    assert.strictEqual(
      purposes,
      text.replace(
        'erase your personal data.\n\n## 3. Questions',
        [
          'erase your personal data.',
          '',
          '## Purposes of Processing',
          '',
          'We process your personal data for the following purposes:',
          '',
          '- to provide the service you request and manage your account;',
          '- to respond to your requests and communicate with you about the service;',
          '- to keep the service secure and prevent fraud and abuse;',
          '- [describe each further purpose for which personal data is processed].',
          '',
          '## 3. Questions',
        ].join('\n'),
      ),
    );
  });

  it('writes a plain title line in pasted text without Markdown headings', () => {
    const text = read('pasted-policy.txt');
    const out = fixed(text, 'gdpr/retention-period');
    assert.ok(
      out.includes(
        'to send you receipts.\n\nHow Long We Keep Your Data\n\nWe keep your personal data only for as long as necessary for the purposes described in this policy. We retain account data for as long as your account is active and delete it within [number] days after you close your account; we keep billing records for [number] years to comply with tax law; [describe the retention period, or the criteria used to determine it, for each other category].\n\nContact\nYou can reach us',
      ),
      out,
    );
    // The inserted title is read back as a section of the document.
    assert.ok(buildDocument(out).sections.some(s => s.title === 'How Long We Keep Your Data' && s.implicit));
  });

  it('keeps CRLF line endings', () => {
    const text = read('nested-policy.md').replace(/\n/g, '\r\n');
    const out = fixed(text, 'gdpr/purposes');
    assert.ok(!/(^|[^\r])\n/.test(out), 'a bare LF was inserted');
    assert.strictEqual(out.replace(/\r\n/g, '\n'), fixed(read('nested-policy.md'), 'gdpr/purposes'));
  });

  it('appends at the end when there is neither a topic nor a contact section, after the title', () => {
    const text = '# Privacy Policy\n\nWe run a small blog.';
    assert.strictEqual(placeClause(buildDocument(text), ['security']).anchor, 'at the end');
    assert.strictEqual(
      fixed(text, 'general/security'),
      '# Privacy Policy\n\nWe run a small blog.\n\n## How We Protect Your Data\n\n' +
        'We use technical and organisational security measures to protect your personal data against unauthorised access, loss and misuse, including encryption in transit, access controls and regular security reviews. No method of transmission or storage is completely secure, so we cannot guarantee absolute security, but we work to protect your data and to respond promptly to any incident.\n',
    );
  });

  it('never treats the document title as the topic section, and stays after the front matter', () => {
    const text = '---\nclausewise:\n  jurisdictions: [gdpr]\n---\n# Cookie Policy\n\nWe use cookies.\n\n## Contact\n\nMail us.\n';
    // "Cookie Policy" announces the cookies topic, but it is the title: the clause goes before Contact, as a level-2 section.
    const place = placeClause(buildDocument(text), ['cookies']);
    assert.strictEqual(place.anchor, 'before “Contact”');
    assert.strictEqual(place.level, 2);
    const onlyFrontMatter = '---\nclausewise:\n  jurisdictions: [gdpr]\n---\n';
    const out = fixed(onlyFrontMatter, 'general/contact');
    assert.ok(out.startsWith(`${onlyFrontMatter.slice(0, -1)}\n\n## Contact Us\n\nIf you have any questions`), JSON.stringify(out));
    assert.ok(out.endsWith('[company name], [postal address].\n'), JSON.stringify(out));
  });

  it('separates the clause by exactly one blank line on each side, whatever the spacing around it', () => {
    const clause = '## X\n\nBody.';
    assert.strictEqual(insertionText('A.\n## B', 2, clause, '\n'), '\n\n## X\n\nBody.\n');
    assert.strictEqual(insertionText('A.\n\n\n## B', 2, clause, '\n'), '\n\n## X\n\nBody.');
    assert.strictEqual(insertionText('', 0, clause, '\n'), '## X\n\nBody.\n');
    assert.strictEqual(insertionText('A.\r\n', 2, '## X\r\n\r\nBody.', '\r\n'), '\r\n\r\n## X\r\n\r\nBody.');
  });

  it('is attached to every missing-disclosure finding, hints included, so the CLI JSON carries it', () => {
    const text = read('markdown-policy.md');
    const result = analyze(text, { asOf: AS_OF });
    const catalog = new Set(loadKnowledge(requirementsFile).requirements.map(r => r.id));
    const findings = result.findings.filter(f => catalog.has(f.ruleId));
    assert.ok(findings.length > 5, `${findings.length} requirement findings`);
    assert.ok(findings.some(f => f.ruleId === 'gdpr/dpo-contact'), 'the DPO hint is among them');
    for (const finding of findings) {
      const fix = finding.fixes.find(x => x.title.startsWith('Insert a clause'));
      assert.ok(fix, `${finding.ruleId} has no clause fix`);
      assert.strictEqual(fix.edits.length, 1);
      assert.deepStrictEqual(fix.edits[0].range.start, fix.edits[0].range.end, 'a pure insertion');
    }
  });
});
