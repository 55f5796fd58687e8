import * as assert from 'assert';
import * as fs from 'fs';
import type { CodeAction, CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';

// Hover, completion and code actions as an editor asks for them, against the built server (dist/server.js).
const URI = 'file:///tmp/clausewise-lsp/privacy-policy.md';
const TEXT = fs.readFileSync(fixture('lsp/markdown-policy.md'), 'utf8').replace('## Contact Us', '\n\n## Contact Us');
const LINES = TEXT.split('\n');

describe('hover, completion and code actions over the protocol', function () {
  // The server starts and analyses in a few seconds, slower on a busy CI machine.
  this.timeout(90000);
  let client: LspClient;
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client.process.kill());
  });

  async function start(snippetSupport: boolean) {
    client = new LspClient();
    const init = await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport } } } });
    await client.open(URI, TEXT, 1);
    await client.diagnostics(URI, 1, 60000);
    return init;
  }

  it('advertises hover, completion and the fix-all kind', async () => {
    const init = await start(true);
    assert.strictEqual(init.capabilities.hoverProvider, true);
    assert.ok(init.capabilities.completionProvider);
    assert.deepStrictEqual((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.clausewise']);
  });

  it('hovers a glossary term with its exact range', async () => {
    await start(true);
    const line = LINES.findIndex(l => l.includes('the controller of the personal data'));
    const character = LINES[line].indexOf('controller') + 4;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character } });
    assert.deepStrictEqual(hover.range, { start: { line, character: character - 4 }, end: { line, character: character - 4 + 'controller'.length } });
    assert.match((hover.contents as MarkupContent).value, /^\*\*controller\*\*\n\n\*\*GDPR\*\* — .*\n\*GDPR Art\. 4\(7\)\*/);
  });

  it('completes a missing clause at the start of an empty line, as a snippet', async () => {
    await start(true);
    const line = LINES.findIndex((l, i) => l === '' && LINES[i - 1] === '' && LINES[i + 1] === '');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: URI }, position: { line, character: 0 } });
    const first = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.match(first.detail!, /^Missing · /);
    const retention = items.find(i => i.label === 'How Long We Keep Your Data')!;
    assert.strictEqual(retention.insertTextFormat, 2);
    assert.ok((retention.textEdit as TextEdit).newText.startsWith('## How Long We Keep Your Data\n\n'));
  });

  it('offers the clause and the disable actions on a missing disclosure', async () => {
    await start(true);
    const diagnostics = await client.diagnostics(URI, 1, 60000);
    const retention = diagnostics.find(d => d.code === 'gdpr/retention-period');
    assert.ok(retention, JSON.stringify(diagnostics.map(d => d.code)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: retention.range, context: { diagnostics: [retention], only: ['quickfix'] } });
    const titles = actions.map(a => a.title);
    assert.ok(titles.some(t => t.startsWith('Insert a clause “How Long We Keep Your Data”')), titles.join('\n'));
    assert.ok(titles.includes('Disable gdpr/retention-period for this line'));
    assert.ok(titles.includes('Disable gdpr/retention-period for this document'));
    const insert = actions.find(a => a.title.startsWith('Insert a clause “How Long We Keep Your Data”'))!;
    const [edit] = insert.edit!.changes![URI];
    assert.deepStrictEqual(edit.range.start, edit.range.end);
    assert.ok(edit.newText.startsWith('\n\n## How Long We Keep Your Data\n\n'), JSON.stringify(edit.newText));
  });
});
