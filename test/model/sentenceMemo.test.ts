import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { SentenceMemo, clearAllSentenceMemos, setSentenceMemosEnabled, sharedSentenceText } from '../../server/src/model/sentenceMemo';
import { buildDocument } from '../../server/src/model/document';
import { FIXTURES } from '../helpers/paths';
import { collectGarbage } from '../robustness/inProcessServer';

// A flat string of `n` characters that is no view into another string.
function freshText(n: number, seed: string): string {
  return [seed, 'x'.repeat(n), '’'].join('');
}

const nextTurn = () => new Promise(resolve => setTimeout(resolve, 0));

/**
 * The heap (MB) still held, once garbage is collected, by what `measured`
 * leaves behind. `warmUp` does the same once before, so that compiled code
 * and caches do not count.
 */
async function megabytesKept<T>(warmUp: () => unknown, measured: () => T): Promise<{ kept: number; result: T }> {
  warmUp();
  await nextTurn();
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  const result = measured();
  await nextTurn();
  collectGarbage();
  return { kept: (process.memoryUsage().heapUsed - baseline) / 1024 / 1024, result };
}

describe('model: the sentence memo', () => {
  it('keeps what is used and lets go of what is not, within its bound of entries', () => {
    const memo = new SentenceMemo<number>(10, 100_000);
    memo.set('the sentence every analysis reads.', -1);
    for (let i = 0; i < 1_000; i++) {
      memo.set(`sentence number ${i}.`, i);
      assert.strictEqual(memo.get('the sentence every analysis reads.'), -1, `lost after ${i} others`);
      assert.ok(memo.size <= 10, `${memo.size} entries`);
    }
    assert.strictEqual(memo.get('sentence number 0.'), undefined, 'an entry nobody read again is gone');
    assert.strictEqual(memo.get('sentence number 999.'), 999);
  });

  it('is bounded by the characters of its keys, and ignores a key of half the bound or more', () => {
    const memo = new SentenceMemo<number>(100, 100);
    memo.set('a'.repeat(50), 1);
    assert.strictEqual(memo.size, 0);
    for (let i = 0; i < 10; i++) memo.set(String(i).repeat(30), i);
    assert.ok(memo.size * 30 <= 100, `${memo.size} keys of 30 characters`);
    assert.strictEqual(memo.get('9'.repeat(30)), 9);
  });

  it('does not keep alive the documents its keys were cut from', async () => {
    // A key is usually `text.slice(…)` of a whole document; after an edit the
    // old document must be collectable even though its sentences are remembered.
    const remember = (memo: SentenceMemo<number>) => {
      for (let v = 0; v < 3; v++) {
        // 2 M characters, two bytes each (the ’ makes it a two-byte string): 4 MB a version.
        const text = freshText(2_000_000, `version ${v} `);
        memo.set(text.slice(0, 40), v);
        memo.get(text.slice(0, 40));
      }
    };
    const memo = new SentenceMemo<number>(100, 1_000_000);
    const { kept } = await megabytesKept(() => remember(new SentenceMemo<number>(100, 1_000_000)), () => remember(memo));
    assert.ok(kept < 2, `${kept.toFixed(1)} MB kept by three remembered sentences`);
    assert.strictEqual(memo.get(`version 0 ${'x'.repeat(30)}`), 0, 'the entries themselves are still there');
  });

  it('holds one copy of a sentence for all the memos keyed by it, and not the document it came from', async () => {
    const remember = (memos: SentenceMemo<number>[], seed: string) => {
      // 1 M characters, two bytes each: a 2 MB sentence, cut from a document twice as long.
      const document = [`’${seed} `, 'x'.repeat(1_000_000), 'y'.repeat(1_000_000)].join('');
      const sentence = sharedSentenceText(document.slice(0, 1_000_000));
      memos.forEach((memo, i) => memo.set(sentence, i));
      return sentence.slice(0, 30);
    };
    const memos = () => [0, 1, 2].map(() => new SentenceMemo<number>(10, 10_000_000));
    const three = memos();
    const { kept, result: head } = await megabytesKept(() => remember(memos(), 'warm-up'), () => remember(three, 'measured'));
    // One copy is 2 MB; a copy per memo would be 6 MB, and the document 4 MB more.
    assert.ok(kept < 3.5, `${kept.toFixed(1)} MB kept by three memos of one sentence`);
    assert.strictEqual(three[2].get(`${head}${'x'.repeat(1_000_000 - head.length)}`), 2, 'found by an equal text that is not the shared one');
    clearAllSentenceMemos();
  });

  it('keys an entry by the shared copy of a sentence even when given an equal slice of a document', async () => {
    const sentence = sharedSentenceText(['We collect your email address', '’', '.'].join(''));
    const remember = (memo: SentenceMemo<number>) => {
      // A 4 MB document (two bytes a character) that begins with the sentence.
      const document = [sentence, 'y'.repeat(2_000_000)].join(' ');
      memo.set(document.slice(0, sentence.length), 1);
    };
    const memo = new SentenceMemo<number>(10, 10_000);
    const { kept } = await megabytesKept(() => remember(new SentenceMemo<number>(10, 10_000)), () => remember(memo));
    assert.ok(kept < 2, `${kept.toFixed(1)} MB kept by one remembered sentence`);
    assert.strictEqual(memo.get(sentence), 1);
    clearAllSentenceMemos();
  });

  it('gives the model the shared copy of each sentence text, equal to the text it stands for', () => {
    const text = 'We collect your email address. We never sell it.\n\nWe collect your email address.\n';
    const doc = buildDocument(text);
    for (const s of doc.sentences) assert.strictEqual(s.text, text.slice(s.span.start, s.span.end));
    assert.strictEqual(doc.sentences.length, 3);
    assert.strictEqual(sharedSentenceText(text.slice(doc.sentences[2].span.start, doc.sentences[2].span.end)), doc.sentences[0].text);
  });

  it('clearAllSentenceMemos empties every memo', () => {
    const a = new SentenceMemo<number>(10, 1000);
    const b = new SentenceMemo<string>(10, 1000);
    a.set('one sentence here.', 1);
    b.set('another sentence.', 'x');
    clearAllSentenceMemos();
    assert.strictEqual(a.size + b.size, 0);
  });

  it('switched off, remembers nothing, and the analysis reads the same as with it', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'bench', 'policy.md'), 'utf8');
    // Twice the policy: with memos the second copy is read from them.
    const doubled = `${text}\n\n${text.replace(/^---\n[\s\S]*?\n---\n/, '')}`;
    const findings = () => analyze(doubled, { asOf: '2026-01-01' }).findings;
    clearAllSentenceMemos();
    const withMemos = findings();
    const memo = new SentenceMemo<number>(10, 1000);
    try {
      setSentenceMemosEnabled(false);
      memo.set('a sentence to remember.', 1);
      assert.strictEqual(memo.get('a sentence to remember.'), undefined);
      assert.deepStrictEqual(findings(), withMemos);
    } finally {
      setSentenceMemosEnabled(true);
    }
    memo.set('a sentence to remember.', 1);
    assert.strictEqual(memo.get('a sentence to remember.'), 1);
  });
});
