// A set of literal words written as one regex alternation shaped like a trie:
// "co(?:llect(?:s|ed)?|rrect)" rather than "collects|collected|collect|correct".
// A regex tries an alternation one branch after another at each position; a
// trie it reads one character at a time, so a large vocabulary costs little more
// than a small one.

export interface TrieOptions {
  /** The regex source for one character of a word (escaping it, or mapping a placeholder to a class). */
  atom: (ch: string) => string;
  /**
   * `prefix`: matches where any word begins, as far as the first word that
   * ends (for finding candidates). `word`: matches the words themselves; a word
   * that is the beginning of a longer one is an optional end, so what follows
   * the alternation (such as \b) decides, by backtracking, which word it is.
   */
  mode: 'prefix' | 'word';
}

interface Node {
  end: boolean;
  next: Map<string, Node>;
}

/** The trie-shaped alternation of `words` (non-empty words; at least one). */
export function trieSource(words: Iterable<string>, options: TrieOptions): string {
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const write = (node: Node): string => {
    if (options.mode === 'prefix' && node.end) return '';
    const branches = [...node.next].map(([ch, child]) => options.atom(ch) + write(child));
    if (!branches.length) return '';
    if (node.end) return `(?:${branches.join('|')})?`;
    return branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  };
  return write(root);
}

/** A character as a regex literal. */
export function escapeRegexChar(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
