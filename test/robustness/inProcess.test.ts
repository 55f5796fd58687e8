import * as assert from 'assert';
import { analyze } from '../../server/src/analysis';
import type { Check } from '../../server/src/analysis/check';
import { CHECKS } from '../../server/src/analysis/checks';
import { policyOfSize } from '../../scripts/bench/inputs';
import { collectGarbage, startInProcessServer, type InProcessServer } from './inProcessServer';

const PROBE_RULE = 'hygiene/robustness-probe';

/** A rule that always throws, as a buggy rule would on some document. */
const throwingCheck: Check = {
  name: 'robustness probe',
  rules: () => [{ id: PROBE_RULE, kind: 'hygiene', title: 'Always fails', explanation: 'Injected by a test.', severity: 'warning' }],
  run() {
    throw new Error('probe exploded');
  },
};

/** A check whose shared preparation throws: all its rules are skipped with one report. */
const throwingPrepare: Check = {
  name: 'robustness prepare probe',
  rules: () => [{ id: 'hygiene/robustness-prepare-probe', kind: 'hygiene', title: 'Never runs', explanation: 'Injected by a test.', severity: 'warning' }],
  prepare() {
    throw new TypeError('prepare exploded');
  },
  run() {
    throw new Error('unreachable: prepare failed');
  },
};

const TEXT = '# Privacy Policy\n\nWe are [COMPANY NAME].\n';

describe('robustness: a rule that throws', function () {
  this.timeout(60_000);
  beforeEach(() => CHECKS.push(throwingCheck, throwingPrepare));
  afterEach(() => {
    for (const c of [throwingCheck, throwingPrepare]) {
      const i = CHECKS.indexOf(c);
      if (i >= 0) CHECKS.splice(i, 1);
    }
  });

  it('is skipped with one internal/rule-failed finding naming it; the other rules still report', () => {
    const errors: string[] = [];
    const result = analyze(TEXT, { asOf: '2026-01-01' }, { onRuleError: id => errors.push(id) });
    const failed = result.findings.filter(f => f.ruleId === 'internal/rule-failed');
    assert.strictEqual(failed.filter(f => f.message.includes(PROBE_RULE)).length, 1, JSON.stringify(failed));
    assert.match(failed.find(f => f.message.includes(PROBE_RULE))!.message, /probe exploded/);
    assert.strictEqual(failed.filter(f => f.message.includes('robustness prepare probe')).length, 1, 'a failing prepare is reported once for the check');
    assert.strictEqual(failed.length, 2, JSON.stringify(failed.map(f => f.message)));
    assert.ok(result.findings.some(f => f.ruleId === 'hygiene/placeholder'), 'the placeholder rule still ran');
    assert.deepStrictEqual(errors.sort(), [PROBE_RULE, 'robustness prepare probe'].sort());
  });

  it('is logged to the output channel with its rule id while the server keeps serving', async () => {
    const server = await startInProcessServer({ workspace: { configuration: false } });
    try {
      const uri = 'file:///tmp/clausewise-robustness/privacy-policy.md';
      await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: TEXT } });
      const first = await server.diagnostics(uri, 1);
      assert.strictEqual(first.filter(d => d.code === "internal/rule-failed" && String(d.message).includes(PROBE_RULE)).length, 1);
      assert.ok(first.some(d => d.code === 'hygiene/placeholder'));
      const logged = server.logs.filter(l => l.type === 1 && l.message.includes(PROBE_RULE));
      assert.ok(logged.length >= 1, `error logged with the rule id: ${JSON.stringify(server.logs)}`);
      assert.match(logged[0].message, /probe exploded/);

      // Still serving: edits are analysed, requests answered.
      await server.client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '# Privacy Policy\n\nWe are Acme Ltd.\n' }] });
      const second = await server.diagnostics(uri, 2);
      assert.ok(!second.some(d => d.code === 'hygiene/placeholder'));
      const symbols = await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
    } finally {
      server.dispose();
    }
  });
});

describe('robustness: server memory across open/close cycles', function () {
  this.timeout(600_000);
  let server: InProcessServer;
  after(() => server?.dispose());

  it('does not grow across 10 open/close cycles of a 150 KB policy', async () => {
    server = await startInProcessServer({ workspace: { configuration: false } });
    const text = policyOfSize(150 * 1024);
    const heap: number[] = [];
    for (let cycle = 0; cycle < 10; cycle++) {
      // A new URI each time: state kept per URI and never dropped would pile up.
      const uri = `file:///tmp/clausewise-robustness/cycle-${cycle}/privacy-policy.md`;
      await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await server.diagnostics(uri, 1, 300_000);
      await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      await server.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await new Promise(r => setTimeout(r, 50));
      server.published.length = 0;
      collectGarbage();
      heap.push(process.memoryUsage().heapUsed / 1024 / 1024);
    }
    const growth = heap[9] - heap[1];
    // One retained 150 KB analysis is megabytes; eight of them would pass the bound.
    assert.ok(growth < 6, `heap grew ${growth.toFixed(1)} MB from cycle 2 to 10: ${heap.map(h => h.toFixed(1)).join(', ')}`);
  });
});
