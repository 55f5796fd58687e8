import * as assert from 'assert';
import { buildDocument } from '../../server/src/model/document';
import { clearAllSentenceMemos } from '../../server/src/model/sentenceMemo';
import { companyAliases } from '../../server/src/model/statements';
import { collectGarbage } from '../robustness/inProcessServer';
import type { PolicyDocument, Statement } from '../../server/src/model/types';

// Re-analysis after an edit reuses the statements of unchanged sentences; it
// must read exactly what a fresh extraction reads, spans included.

const POLICY = `# Privacy Policy

Brightwater Labs, Inc. ("Brightwater", "we", "us") operates the Tidepool app.

## What we collect

We collect your email address and your device identifiers when you create an account.
Brightwater shares your email address with advertising networks for marketing purposes.
We do not sell, rent, or trade your personal information, except with your consent.

## Your rights

You have the right to request deletion of your personal information.
Your precise geolocation may be shared with our service providers only to deliver orders.
`;

/** A statement as plain data: what a check reads from it, with its sentence by position. */
function plain(doc: PolicyDocument, st: Statement): unknown {
  assert.strictEqual(doc.sentences[st.sentence.index], st.sentence, 'a statement points at a sentence of its own document');
  return JSON.parse(JSON.stringify({ ...st, sentence: { index: st.sentence.index, span: st.sentence.span } }));
}

function readings(doc: PolicyDocument): unknown[] {
  return doc.statements.map(st => plain(doc, st));
}

/** The statements of a fresh extraction, with nothing remembered from earlier texts. */
function fresh(text: string): unknown[] {
  clearAllSentenceMemos();
  return readings(buildDocument(text));
}

const said = (doc: PolicyDocument, span: { start: number; end: number }) => doc.text.slice(span.start, span.end);

describe('statement memo', () => {
  beforeEach(() => clearAllSentenceMemos());

  it('reads an edited document exactly as a fresh extraction, spans moved past the edit', () => {
    buildDocument(POLICY);
    const at = POLICY.indexOf('device identifiers');
    const edited = POLICY.slice(0, at) + 'x' + POLICY.slice(at);
    const warm = buildDocument(edited);
    assert.ok(warm.statements.length >= 5, 'the policy yields statements to compare');
    assert.deepStrictEqual(readings(warm), fresh(edited));
    // A sentence after the edit kept its reading, one character further on.
    const sale = warm.statements.find(st => st.action === 'sell')!;
    assert.strictEqual(said(warm, sale.actionSpan), 'sell');
    assert.strictEqual(said(warm, sale.exceptions[0].span), 'except with your consent');
    const share = warm.statements.find(st => st.action === 'share' && st.actor === 'we' && st.voice === 'active')!;
    assert.strictEqual(said(warm, share.actorSpan!), 'Brightwater');
    assert.strictEqual(said(warm, share.recipients[0].span), 'advertising networks');
  });

  it('remembers the company\'s names without keeping the documents they were read from', async () => {
    // Three versions of a 4 MB policy (two bytes a character) whose name is long enough to be cut from the text rather than copied.
    const version = (v: number) => [`Brightwater Laboratories International, Inc. ("Brightwater", "we") runs app ${v}’.\n\n`, 'x'.repeat(2_000_000)].join('');
    companyAliases(version(-1));
    await new Promise(resolve => setTimeout(resolve, 0));
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    const names = [0, 1, 2].map(v => companyAliases(version(v)));
    await new Promise(resolve => setTimeout(resolve, 0));
    collectGarbage();
    const kept = process.memoryUsage().heapUsed - baseline;
    assert.deepStrictEqual(names[2], ['Brightwater', 'Brightwater Laboratories International']);
    assert.ok(kept < 2 * 1024 * 1024, `${(kept / 1024 / 1024).toFixed(1)} MB kept after reading the names of three versions`);
  });

  it('reads a sentence again when the company renames itself in its definition', () => {
    const before = buildDocument(POLICY);
    assert.ok(before.statements.some(st => st.actor === 'we' && said(before, st.actorSpan ?? { start: 0, end: 0 }) === 'Brightwater'));
    const renamed = POLICY.replace('Brightwater Labs, Inc. ("Brightwater"', 'Harbor Labs, Inc. ("Harbor"');
    const warm = buildDocument(renamed);
    // "Brightwater shares …" no longer names the business: it is not read as the business's statement.
    assert.ok(!warm.statements.some(st => st.actorSpan && said(warm, st.actorSpan) === 'Brightwater'));
    assert.deepStrictEqual(readings(warm), fresh(renamed));
  });

  it('reads an edit inside a sentence (a negation added) as a fresh extraction does', () => {
    buildDocument(POLICY);
    const edited = POLICY.replace('Brightwater shares your email', 'Brightwater never shares your email');
    const warm = buildDocument(edited);
    assert.ok(warm.statements.some(st => st.action === 'share' && st.negated));
    assert.deepStrictEqual(readings(warm), fresh(edited));
  });

  it('places a sentence shared by two documents at its offset in each, pointing at each one\'s sentence', () => {
    const other = `Preface paragraph that moves everything along.\n\n${POLICY}`;
    const first = buildDocument(POLICY);
    const second = buildDocument(other);
    assert.deepStrictEqual(readings(second), fresh(other));
    const shift = other.length - POLICY.length;
    const a = first.statements.find(st => st.action === 'sell')!;
    const b = second.statements.find(st => st.action === 'sell')!;
    assert.strictEqual(b.actionSpan.start, a.actionSpan.start + shift);
    assert.notStrictEqual(a.sentence, b.sentence);
  });

  it('gives every analysis its own objects: changing one result does not change the next', () => {
    const first = buildDocument(POLICY);
    const expected = readings(first);
    for (const st of first.statements) {
      st.actionSpan.start = -1;
      st.dataTypes.length = 0;
      for (const e of st.exceptions) e.span.end = -1;
    }
    const second = buildDocument(POLICY);
    assert.deepStrictEqual(readings(second), expected);
    assert.ok(second.statements.every((st, i) => st !== first.statements[i] && st.actionSpan !== first.statements[i].actionSpan));
  });
});
