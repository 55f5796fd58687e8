// A bounded least-recently-used memo of per-sentence results.
//
// Re-analysis after a keystroke sees the same sentences again and again; the
// memo lets it redo only the sentences that changed. A language server lives
// for hours and sees many texts, so the memo is capped both by its number of
// entries and by the characters of its keys (a key holds a sentence's text).

/** Every memo made, so that one call can empty them all (first-analysis measurements, tests). */
const ALL_MEMOS = new Set<SentenceMemo<unknown>>();

/** Empties every sentence memo of the engine: the next analysis is a first analysis. */
export function clearAllSentenceMemos(): void {
  for (const memo of ALL_MEMOS) memo.clear();
}

export class SentenceMemo<V> {
  private readonly entries = new Map<string, { key: string; value: V }>();
  private keyChars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyChars: number,
  ) {
    ALL_MEMOS.add(this as SentenceMemo<unknown>);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value stored under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserted under the key it was stored with: the caller's key may be a
    // slice of a whole document, which the memo must not keep alive.
    this.entries.delete(key);
    this.entries.set(entry.key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyChars) return;
    const old = this.entries.get(key);
    if (old && this.entries.delete(key)) this.keyChars -= old.key.length;
    const own = detached(key);
    this.entries.set(own, { key: own, value });
    this.keyChars += own.length;
    // A Map iterates in insertion order: the first key is the least recently used.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.keyChars <= this.maxKeyChars) break;
      this.entries.delete(oldest);
      this.keyChars -= oldest.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.keyChars = 0;
  }
}

/**
 * A copy of `key` that shares no memory with the string it was cut from. V8
 * represents `text.slice(a, b)` as a view into `text`: a memo keeping such a
 * key of a sentence that has since been edited away would keep the whole
 * previous version of a 3 MB document alive. Concatenating forces a flat
 * copy; the outer slice then refers to that copy only.
 */
function detached(key: string): string {
  return (key + ' ').slice(0, -1);
}
