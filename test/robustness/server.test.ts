import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/analysis';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { policyOfSize } from '../../scripts/bench/inputs';
import { random } from '../../scripts/bench/lsp';
import { LspClient } from '../helpers/lspClient';
import { hostileDocument, nastyChar } from './arbitraries';
import { runs, SEED, timeoutFor } from './fuzzConfig';
import { checkRange, Lines } from './invariants';

const DIR = 'file:///tmp/clausewise-robustness';

function checkDiagnostics(text: string, diagnostics: Diagnostic[], what: string) {
  const lines = new Lines(text);
  for (const d of diagnostics) {
    checkRange(lines, d.range, `${what}: ${d.code}`);
    for (const r of d.relatedInformation ?? []) checkRange(lines, r.location.range, `${what}: ${d.code} related`);
  }
}

/** The comparable part of a diagnostic. */
const essence = (d: Diagnostic) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message });

describe('robustness: the language server on hostile documents', function () {
  this.timeout(timeoutFor(300_000));
  let client: LspClient;
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client.process.kill());
  });

  it('publishes only valid ranges and answers every request at any position, without going down', async () => {
    client = new LspClient();
    const init = await client.initialize({ workspace: { configuration: false } });
    const caps = init.capabilities;
    let n = 0;
    const position = fc.record({ line: fc.oneof(fc.nat(60), fc.constant(1e6)), character: fc.oneof(fc.nat(120), fc.constant(1e6)) });
    await fc.assert(
      fc.asyncProperty(hostileDocument, fc.array(position, { minLength: 1, maxLength: 3 }), async (text, positions) => {
        const uri = `${DIR}/doc-${n++}/privacy-policy.md`;
        await client.open(uri, text, 1);
        const diagnostics = await client.diagnostics(uri, 1, 60_000);
        checkDiagnostics(text, diagnostics, uri);
        for (const p of positions) {
          const textDocument = { uri };
          if (caps.hoverProvider) await client.request('textDocument/hover', { textDocument, position: p });
          if (caps.completionProvider) await client.request('textDocument/completion', { textDocument, position: p });
          if (caps.codeActionProvider) await client.request('textDocument/codeAction', { textDocument, range: { start: p, end: p }, context: { diagnostics: [] } });
        }
        if (caps.documentSymbolProvider) await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        if (caps.foldingRangeProvider) await client.request('textDocument/foldingRange', { textDocument: { uri } });
        await client.close(uri);
        assert.strictEqual(client.process.exitCode, null, `server exited; stderr: ${client.stderr}`);
      }),
      runs(40),
    );
    assert.strictEqual(await client.shutdown(), 0, 'clean shutdown after the hostile documents');
  });

  it('soak: after 1 000 rapid edits (typing, deleting, pasting) the diagnostics equal a fresh analysis of the final text', async () => {
    client = new LspClient();
    await client.initialize({ workspace: { configuration: false } });
    const uri = `${DIR}/soak/privacy-policy.md`;
    let doc = TextDocument.create(uri, 'markdown', 1, policyOfSize(10 * 1024));
    const texts = new Map<number, string>([[1, doc.getText()]]);
    await client.open(uri, doc.getText(), 1);
    await client.diagnostics(uri, 1, 60_000);

    const rnd = random(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const samples = fc.sample(fc.oneof(nastyChar, fc.constantFrom('We are [COMPANY NAME].', 'We sell your personal information.', '\n\n## Cookies\n\nWe use Flash cookies.\n', '- item\r\n- item\r\n')), { numRuns: 200, seed: SEED });
    let cursor = Math.floor(doc.getText().length / 2);
    for (let i = 0; i < 1000; i++) {
      const text = doc.getText();
      cursor = Math.max(0, Math.min(cursor, text.length));
      const at = doc.positionAt(cursor);
      const kind = rnd();
      let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
      if (kind < 0.6) {
        const typed = pick('abcdefghijklmnopqrstuvwxyz .,\n'.split(''));
        change = { range: { start: at, end: at }, text: typed };
        cursor += typed.length;
      } else if (kind < 0.85) {
        const from = Math.max(0, cursor - 1 - Math.floor(rnd() * 3));
        change = { range: { start: doc.positionAt(from), end: at }, text: '' };
        cursor = from;
      } else if (kind < 0.97) {
        const block = pick(samples);
        change = { range: { start: at, end: at }, text: block };
        cursor += block.length;
      } else {
        // Jump elsewhere and replace a selection.
        cursor = Math.floor(rnd() * text.length);
        const end = Math.min(text.length, cursor + Math.floor(rnd() * 200));
        change = { range: { start: doc.positionAt(cursor), end: doc.positionAt(end) }, text: pick(samples) };
      }
      doc = TextDocument.update(doc, [change], doc.version + 1);
      texts.set(doc.version, doc.getText());
      await client.change(uri, doc.version, [change]);
      // Mostly back to back; now and then a typing pause long enough for an analysis to start.
      if (i % 100 === 99) await new Promise(r => setTimeout(r, 150));
    }
    const finalVersion = doc.version;
    const published = await client.diagnostics(uri, finalVersion, 120_000);
    const fresh = analyze(doc.getText(), {}).findings.map(f => toDiagnostic(f, uri));
    assert.deepStrictEqual(published.map(essence), fresh.map(essence));
    // Every intermediate publication matched its own version's text.
    for (const p of client.allPublished(uri)) checkDiagnostics(texts.get(p.version!)!, p.diagnostics, `v${p.version}`);
    assert.ok(client.allPublished(uri).length < 200, `debounced: ${client.allPublished(uri).length} publications for 1 000 edits`);
  });

  /** Opens a large policy, then edits it every 20 ms; `during` runs after every fifth edit. */
  async function burst(during?: (doc: TextDocument, rnd: () => number) => Promise<void>) {
    client = new LspClient();
    const init = await client.initialize({ workspace: { configuration: false } });
    const uri = `${DIR}/burst/privacy-policy.md`;
    const size = Number(process.env.CLAUSEWISE_BURST_KB ?? 400) * 1024;
    let doc = TextDocument.create(uri, 'markdown', 1, policyOfSize(size));
    await client.open(uri, doc.getText(), 1);
    await client.diagnostics(uri, 1, 600_000);
    const rnd = random(SEED);
    if (during) await during(doc, rnd); // warm-up: the first request of a kind loads its knowledge
    const sentAt = new Map<number, number>();
    for (let i = 0; i < 30; i++) {
      const at = doc.positionAt(Math.floor(rnd() * doc.getText().length));
      const change = { range: { start: at, end: at }, text: 'x' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      await client.change(uri, doc.version, [change]);
      sentAt.set(doc.version, performance.now());
      if (during && i % 5 === 2) await during(doc, rnd);
      await new Promise(r => setTimeout(r, 20));
    }
    await client.diagnostics(uri, doc.version, 600_000);
    return { init, uri, versions: client.allPublished(uri).map(p => p.version!), finalVersion: doc.version, sentAt };
  }

  it('on a burst of edits to a large document publishes only the latest version', async () => {
    const { versions, finalVersion, sentAt } = await burst();
    assert.strictEqual(versions[0], 1);
    assert.strictEqual(versions[versions.length - 1], finalVersion, 'the final version is published');
    // An intermediate version may be published only if this client really
    // paused after it (a stall of the test process longer than the debounce);
    // otherwise its analysis was stale work that should have been dropped.
    for (const v of versions.slice(1, -1)) {
      const gap = (sentAt.get(v + 1) ?? Infinity) - sentAt.get(v)!;
      assert.ok(gap >= 100, `v${v} published although v${v + 1} followed ${gap.toFixed(0)} ms later: ${versions.join(', ')}`);
    }
  });
});
