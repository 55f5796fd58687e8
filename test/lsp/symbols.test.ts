import * as assert from 'assert';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const PASTED_URI = 'file:///tmp/clausewise-symbols/privacy-statement.md';
// Pasted from a web page: no `#`, numbered lines as headings.
const PASTED = [
  'PRIVACY STATEMENT', // 0
  '', // 1
  '1. Who we are', // 2
  'Fjord Labs AS runs the Fjord website.', // 3
  '', // 4
  '2. What we collect', // 5
  'We collect your email address when you subscribe.', // 6
  '',
].join('\n');

const MARKDOWN_URI = 'file:///tmp/clausewise-symbols/privacy-policy.md';
const MARKDOWN = ['# Privacy Policy', '', 'Intro.', '', '## Your rights', '', 'You may ask.', '', '### Access', '', 'Write to us.', '', '## Contact', '', 'Mail us.', ''].join('\n');

describe('document symbols (outline)', function () {
  let client: LspClient;
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client.process.kill());
  });

  const symbols = (uri: string) => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });

  it('outlines pasted text by its implicit headings, title span as selection', async () => {
    client = new LspClient();
    const init = await client.initialize({});
    assert.ok(init.capabilities.documentSymbolProvider);
    await client.open(PASTED_URI, PASTED);
    const result = await symbols(PASTED_URI);
    const flat = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap(s => [s, ...flat(s.children ?? [])]);
    const all = flat(result);
    // The numbered lines are headings; whether the all-caps title line is one too is the model's call.
    assert.deepStrictEqual(all.map(s => s.name).filter(n => n !== 'PRIVACY STATEMENT'), ['1. Who we are', '2. What we collect'], 'numbered as written');
    const who = all.find(s => s.name === '1. Who we are')!;
    assert.deepStrictEqual(who.selectionRange, { start: { line: 2, character: 3 }, end: { line: 2, character: 13 } });
    assert.deepStrictEqual(who.range.start, { line: 2, character: 0 });
    assert.ok(who.range.end.line >= 3 && who.range.end.line <= 5 && (who.range.end.line < 5 || who.range.end.character === 0), JSON.stringify(who.range));
    assert.strictEqual(who.detail, 'heading in pasted text');
  });

  it('nests Markdown sections, each range spanning its children', async () => {
    client = new LspClient();
    await client.initialize({});
    await client.open(MARKDOWN_URI, MARKDOWN);
    const [top, ...rest] = await symbols(MARKDOWN_URI);
    assert.strictEqual(rest.length, 0, 'one top-level section');
    assert.strictEqual(top.name, 'Privacy Policy');
    assert.deepStrictEqual(top.selectionRange, { start: { line: 0, character: 2 }, end: { line: 0, character: 16 } });
    assert.deepStrictEqual(top.children!.map(c => c.name), ['Your rights', 'Contact']);
    const rights = top.children![0];
    assert.deepStrictEqual(rights.children!.map(c => c.name), ['Access']);
    assert.deepStrictEqual(rights.range.start, { line: 4, character: 0 });
    // "Your rights" runs through its child "Access" and stops where "Contact" begins.
    assert.ok(rights.range.end.line >= 10 && rights.range.end.line <= 12, JSON.stringify(rights.range));
    assert.deepStrictEqual(top.range.start, { line: 0, character: 0 });
    assert.ok(top.range.end.line >= 14, JSON.stringify(top.range));
  });

  it('leaves Markdown headings to a client that outlines them itself, and non-policies alone', async () => {
    client = new LspClient();
    await client.initialize({}, { outline: 'pasted-text-only' });
    await client.open(MARKDOWN_URI, MARKDOWN);
    await client.open(PASTED_URI, PASTED);
    await client.open('file:///tmp/clausewise-symbols/README.md', '# Project\n\n## Install\n');
    assert.deepStrictEqual(await symbols(MARKDOWN_URI), []);
    const pasted = JSON.stringify(await symbols(PASTED_URI));
    assert.ok(pasted.includes('"1. Who we are"') && pasted.includes('"2. What we collect"'), pasted);
    assert.deepStrictEqual(await symbols('file:///tmp/clausewise-symbols/README.md'), []);
  });
});
