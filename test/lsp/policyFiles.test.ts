import * as assert from 'assert';
import { globMatch, isPolicyDocument } from '../../server/src/lsp/policyFiles';

const at = (file: string) => `file:///home/lawyer/work/${file}`;
const is = (file: string, text: string, globs: string[] = [], forced = false) => isPolicyDocument(at(file), text, globs, forced);

describe('which Markdown files are policies', () => {
  it('takes files named privacy / policy / notice / cookie', () => {
    for (const name of ['privacy.md', 'privacy-policy.md', 'Cookie_Policy.markdown', 'legal/collection-notice.md']) assert.ok(is(name, 'Some text.\n'), name);
  });

  it('takes files whose first heading says so, in Markdown or pasted text', () => {
    assert.ok(is('draft-3.md', '# Privacy Notice\n\nWe collect…\n'));
    assert.ok(is('draft-3.md', '---\ntitle: x\n---\n\n## Cookie Policy\n'));
    assert.ok(is('draft-3.md', 'PRIVACY STATEMENT\n\n1. Who we are\n'), 'first line of pasted text');
    assert.ok(is('draft-3.md', '# How we use cookies\n'));
  });

  it('takes files whose front matter has a clausewise block', () => {
    assert.ok(is('draft-3.md', '---\nclausewise:\n  jurisdictions: [gdpr]\n---\n\n# Terms of Service\n'));
    assert.ok(is('draft-3.md', '\uFEFF---\r\nclausewise: {}\r\n---\r\n# Draft\r\n'), 'BOM and CRLF');
    assert.ok(!is('draft-3.md', '---\ntitle: clausewise\n---\n\n# Draft\n'), 'the word alone is not the key');
  });

  it('leaves other Markdown alone: notes, docs, a README even when it talks about privacy', () => {
    assert.ok(!is('notes.md', '# Meeting notes\n\nDiscuss the privacy policy. TODO\n'));
    assert.ok(!is('docs/install.md', '# Installing\n\nRun it.\n'));
    assert.ok(!is('README.md', '# Privacy Policy generator\n\nTODO: [COMPANY NAME]\n'));
    assert.ok(!is('CHANGELOG.md', '# Changelog\n\n- privacy policy updated\n'));
    assert.ok(!is('empty.md', ''));
    assert.ok(is('README.md', '---\nclausewise: {}\n---\n# Privacy\n'), 'a README opts in only through front matter');
  });

  it('adds files matched by the clausewise.files globs, and files forced by the command', () => {
    assert.ok(is('drafts/terms.md', '# Terms\n', ['drafts/*.md']));
    assert.ok(is('clients/acme/drafts/v2/terms.md', '# Terms\n', ['**/drafts/**/*.md']));
    assert.ok(!is('drafts/terms.md', '# Terms\n', ['legal/*.md']));
    assert.ok(is('notes.md', '# Meeting notes\n', [], true));
  });

  it('matches globs the way VS Code users write them', () => {
    assert.ok(globMatch('*.md', '/a/b/c.md'));
    assert.ok(globMatch('legal/**/*.md', '/w/legal/eu/de/policy.md'));
    assert.ok(globMatch('legal/**/*.md', '/w/legal/policy.md'), '** also matches no folder');
    assert.ok(!globMatch('legal/*.md', '/w/legal/eu/policy.md'), '* stays within a folder');
    assert.ok(globMatch('terms-v?.md', '/w/terms-v2.md'));
    assert.ok(!globMatch('terms-v?.md', '/w/terms-v10.md'));
    assert.ok(!globMatch('a.md', '/w/data.md'), 'a name matches whole, not as a suffix');
  });
});
