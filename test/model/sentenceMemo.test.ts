import * as assert from 'assert';
import { SentenceMemo, clearAllSentenceMemos } from '../../server/src/model/sentenceMemo';
import { collectGarbage } from '../robustness/inProcessServer';

// A flat string of `n` characters that is no view into another string.
function freshText(n: number, seed: string): string {
  return [seed, 'x'.repeat(n), '’'].join('');
}

const nextTurn = () => new Promise(resolve => setTimeout(resolve, 0));

describe('model: the sentence memo', () => {
  it('keeps the least recently used entries out when full, a hit counting as a use', () => {
    const memo = new SentenceMemo<number>(2, 1000);
    memo.set('first sentence.', 1);
    memo.set('second sentence.', 2);
    assert.strictEqual(memo.get('first sentence.'), 1);
    memo.set('third sentence.', 3);
    assert.strictEqual(memo.get('second sentence.'), undefined, 'the least recently used entry goes');
    assert.strictEqual(memo.get('first sentence.'), 1);
    assert.strictEqual(memo.get('third sentence.'), 3);
  });

  it('is bounded by the characters of its keys, and ignores a key longer than the bound', () => {
    const memo = new SentenceMemo<number>(100, 40);
    memo.set('a'.repeat(41), 1);
    assert.strictEqual(memo.size, 0);
    memo.set('b'.repeat(30), 2);
    memo.set('c'.repeat(30), 3);
    assert.strictEqual(memo.size, 1);
    assert.strictEqual(memo.get('c'.repeat(30)), 3);
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
    // A first round compiles and warms everything up, so that the measured one shows only what the memo keeps.
    remember(new SentenceMemo<number>(100, 1_000_000));
    const memo = new SentenceMemo<number>(100, 1_000_000);
    await nextTurn();
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    remember(memo);
    await nextTurn();
    collectGarbage();
    const kept = process.memoryUsage().heapUsed - baseline;
    assert.ok(kept < 2 * 1024 * 1024, `${(kept / 1024 / 1024).toFixed(1)} MB kept by three remembered sentences`);
    assert.strictEqual(memo.get(`version 0 ${'x'.repeat(30)}`), 0, 'the entries themselves are still there');
  });

  it('clearAllSentenceMemos empties every memo', () => {
    const a = new SentenceMemo<number>(10, 1000);
    const b = new SentenceMemo<string>(10, 1000);
    a.set('one sentence here.', 1);
    b.set('another sentence.', 'x');
    clearAllSentenceMemos();
    assert.strictEqual(a.size + b.size, 0);
  });
});
