import * as assert from 'assert';
import * as fs from 'fs';
import { InsertTextFormat, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis';
import { clauseTemplates } from '../../server/src/analysis/fixes/clauseTemplates';
import { clauseCompletions } from '../../server/src/lsp/completion';
import { fixture } from '../helpers/paths';

const AS_OF = '2026-11-22';

function complete(text: string, line: number, character: number, snippets = true): CompletionItem[] {
  const doc = TextDocument.create('file:///tmp/privacy-policy.md', 'markdown', 1, text);
  return clauseCompletions(doc, { line, character }, analyze(text, { asOf: AS_OF }), { snippets, today: AS_OF });
}

const edit = (item: CompletionItem) => item.textEdit as TextEdit;

describe('clause completions', () => {
  // The fixture with an empty line opened before "## Contact Us".
  const base = fs.readFileSync(fixture('lsp/markdown-policy.md'), 'utf8');
  const text = base.replace('## Contact Us', '\n\n## Contact Us');
  const emptyLine = text.split('\n').findIndex((l, i, all) => l === '' && all[i - 1] === '' && all[i + 1] === '');
  const result = analyze(text, { asOf: AS_OF });

  it('offers every template at the start of an empty line, the missing clauses first', () => {
    const items = complete(text, emptyLine, 0);
    assert.strictEqual(items.length, clauseTemplates().length);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const missing = new Set(result.requirements.filter(r => r.status === 'missing').map(r => r.id));
    assert.ok(missing.size > 0);
    const firstNotMissing = sorted.findIndex(i => !missing.has(i.detail!.replace(/^Missing · /, '')));
    assert.strictEqual(firstNotMissing, missing.size, 'exactly the missing clauses come first');
    for (const item of sorted.slice(0, missing.size)) assert.match(item.detail!, /^Missing · (gdpr|general)\//);
    // Then the other clauses of the applied law (GDPR) and general ones, then clauses of other laws.
    const rest = sorted.slice(missing.size).map(i => i.detail!.split('/')[0]);
    const firstOther = rest.findIndex(f => f !== 'gdpr' && f !== 'general');
    assert.ok(rest.slice(firstOther).every(f => f !== 'gdpr' && f !== 'general'), rest.join(' '));
  });

  it('documents what each clause satisfies, with its citation', () => {
    const item = complete(text, emptyLine, 0).find(i => i.label === 'How Long We Keep Your Data')!;
    const doc = (item.documentation as MarkupContent).value;
    assert.match(doc, /^Satisfies `gdpr\/retention-period` — .+ \(GDPR Art\. 13\(2\)\(a\)\)\. \*\*Missing from this policy\.\*\*/);
    assert.ok(doc.includes('## How Long We Keep Your Data'));
  });

  it('fills the front matter into a snippet with tab stops on what is left, at the document’s heading level', () => {
    const item = complete(text, emptyLine, 0).find(i => i.label === 'Who We Are')!;
    assert.strictEqual(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.deepStrictEqual(edit(item).range, { start: { line: emptyLine, character: 0 }, end: { line: emptyLine, character: 0 } });
    assert.strictEqual(
      edit(item).newText,
      '## Who We Are\n\nLindenbaum Analytics GmbH is the controller responsible for the processing of your personal data described in this policy. You can contact us by post at Gartenweg 12, 10115 Berlin, Germany or by e-mail at privacy@lindenbaum.example.\n$0',
    );
    const retention = complete(text, emptyLine, 0).find(i => i.label === 'How Long We Keep Your Data')!;
    assert.ok(edit(retention).newText.includes('within ${1:[number]} days after you close your account; we keep billing records for ${2:[number]} years'), edit(retention).newText);
  });

  it('inserts plain text for a client without snippet support', () => {
    const item = complete(text, emptyLine, 0, false).find(i => i.label === 'How Long We Keep Your Data')!;
    assert.strictEqual(item.insertTextFormat, InsertTextFormat.PlainText);
    assert.ok(!/\$\{?\d/.test(edit(item).newText));
    assert.ok(edit(item).newText.startsWith('## How Long We Keep Your Data\n\nWe keep your personal data') && edit(item).newText.endsWith('for each other category].\n'));
  });

  it('takes the heading level the writer typed, replacing what was typed', () => {
    const typed = text.replace('\n\n\n## Contact Us', '\n\n### Rete\n\n## Contact Us');
    const line = typed.split('\n').indexOf('### Rete');
    const item = complete(typed, line, 8).find(i => i.label === 'How Long We Keep Your Data')!;
    assert.deepStrictEqual(edit(item).range, { start: { line, character: 0 }, end: { line, character: 8 } });
    assert.ok(edit(item).newText.startsWith('### How Long We Keep Your Data\n'));
    assert.strictEqual(item.filterText, '### How Long We Keep Your Data');
  });

  it('opens a blank line under a paragraph, and writes plain title lines in pasted text', () => {
    const pasted = fs.readFileSync(fixture('lsp/pasted-policy.txt'), 'utf8').replace('Contact\n', '\nContact\n');
    const line = pasted.split('\n').indexOf('Contact') - 1;
    const item = complete(pasted, line, 0, false).find(i => i.label === 'How Long We Keep Your Data')!;
    assert.ok(edit(item).newText.startsWith('\nHow Long We Keep Your Data\n\nWe keep'), JSON.stringify(edit(item).newText));
  });

  it('offers nothing in the middle of a sentence, in the front matter or in a code block', () => {
    const sentence = text.split('\n').findIndex(l => l.startsWith('We use your personal data'));
    assert.deepStrictEqual(complete(text, sentence, 10), []);
    assert.deepStrictEqual(complete(text, 1, 0), []);
    const fenced = `${text}\n\`\`\`\n\n\`\`\`\n`;
    const inside = fenced.split('\n').length - 3;
    assert.deepStrictEqual(complete(fenced, inside, 0), []);
  });
});
