// A bounded memo of per-sentence results that keeps what is used (an
// approximate least-recently-used order, in two generations).
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

let memosEnabled = true;

/**
 * Turns every sentence memo off (and empties them) or back on. Off, each
 * sentence is read as if never seen: what a first analysis of a policy costs
 * when, unlike the benchmark's repeated fixtures, no sentence occurs twice.
 */
export function setSentenceMemosEnabled(enabled: boolean): void {
  memosEnabled = enabled;
  if (!enabled) clearAllSentenceMemos();
}

export class SentenceMemo<V> {
  // Two generations approximate least-recently-used order without touching
  // the map on a hit (a delete and re-insert per hit cost more than the
  // lookups of a whole re-analysis): entries are added to `current`; when it
  // holds half the bound, it becomes `previous` and the old `previous` goes.
  // An entry found in `previous` moves back to `current`, so what every
  // analysis uses stays, and what none has used for half the bound goes.
  private current = new Map<string, { key: string; value: V }>();
  private previous = new Map<string, { key: string; value: V }>();
  private currentChars = 0;
  private previousChars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyChars: number,
  ) {
    ALL_MEMOS.add(this as SentenceMemo<unknown>);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** The value stored under `key`, now among the most recently used. */
  get(key: string): V | undefined {
    if (!memosEnabled) return undefined;
    const hit = this.current.get(key);
    if (hit !== undefined) return hit.value;
    const old = this.previous.get(key);
    if (old === undefined) return undefined;
    // Moved under the key it was stored with: the caller's key may be a slice
    // of a whole document, which the memo must not keep alive.
    this.previous.delete(key);
    this.previousChars -= old.key.length;
    this.insert(old);
    return old.value;
  }

  set(key: string, value: V): void {
    if (!memosEnabled) return;
    // A key of half the bound or more would push out everything else.
    if (key.length * 2 >= this.maxKeyChars) return;
    const inCurrent = this.current.get(key);
    if (inCurrent) {
      inCurrent.value = value;
      return;
    }
    const old = this.previous.get(key);
    if (old && this.previous.delete(key)) this.previousChars -= old.key.length;
    // A sentence's text is stored as its shared copy (one string for every memo), anything else as a copy of its own.
    this.insert({ key: sharedCopyOf(key) ?? detached(key), value });
  }

  /** `key` itself as the stored key and value (the table of shared sentence texts). */
  protected keep(key: string): void {
    this.insert({ key, value: key as V });
  }

  private insert(entry: { key: string; value: V }): void {
    this.current.set(entry.key, entry);
    this.currentChars += entry.key.length;
    if (this.current.size * 2 >= this.maxEntries || this.currentChars * 2 >= this.maxKeyChars) {
      this.previous = this.current;
      this.previousChars = this.currentChars;
      this.current = new Map();
      this.currentChars = 0;
    }
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.currentChars = 0;
    this.previousChars = 0;
  }
}

/**
 * A copy of `key` that shares no memory with the string it was cut from. V8
 * represents `text.slice(a, b)` as a view into `text`: a memo keeping such a
 * key of a sentence that has since been edited away would keep the whole
 * previous version of a 3 MB document alive. Concatenating forces a flat
 * copy; the outer slice then refers to that copy only.
 */
export function detached(key: string): string {
  return (key + ' ').slice(0, -1);
}

/**
 * One copy of each sentence's text, shared: the model gives every sentence
 * its text from here, so every memo keyed by a sentence's text holds the same
 * string. A lookup with it then finds its entry by identity, without hashing
 * and comparing the characters again in each memo (at 3 MB that was most of
 * the cost of re-analysing unchanged sentences), and the text is held once,
 * not once per memo.
 */
class SharedTexts extends SentenceMemo<string> {
  share(text: string): string {
    const known = this.get(text);
    if (known !== undefined) return known;
    if (!memosEnabled || text.length * 2 >= SHARED_TEXT_CHARS) return text;
    const copy = detached(text);
    this.keep(copy);
    return copy;
  }
}

const SHARED_TEXT_CHARS = 8_000_000;
const sharedTexts = new SharedTexts(60_000, SHARED_TEXT_CHARS);

/** The shared copy of a sentence's text (see SharedTexts). */
export function sharedSentenceText(text: string): string {
  return sharedTexts.share(text);
}

/** The shared copy of a text, if it is a sentence's (JavaScript cannot tell two equal strings apart: this is the one to keep). */
function sharedCopyOf(text: string): string | undefined {
  return sharedTexts.get(text);
}
