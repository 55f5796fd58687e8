// A bounded least-recently-used memo of per-sentence results.
//
// Re-analysis after a keystroke sees the same sentences again and again; the
// memo lets it redo only the sentences that changed. A language server lives
// for hours and sees many texts, so the memo is capped both by its number of
// entries and by the characters of its keys (a key holds a sentence's text).

export class SentenceMemo<V> {
  private readonly entries = new Map<string, V>();
  private keyChars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyChars: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value stored under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyChars) return;
    if (this.entries.delete(key)) this.keyChars -= key.length;
    this.entries.set(key, value);
    this.keyChars += key.length;
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
