import fc from 'fast-check';

// Edits as a lawyer makes them while drafting, for the property tests that
// check a re-analysis (memos holding the version before the edit) against a
// first analysis of the edited text.

export type TextEdit =
  | { kind: 'insert'; at: number; text: string }
  /** Typed at the start of the line holding `at`: where a piece, a chunk or a heading begins. */
  | { kind: 'lineStart'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  /** The next line break, with the white space around it, becomes one space: two lines or paragraphs join. */
  | { kind: 'join'; at: number }
  | { kind: 'split'; at: number; paragraph: boolean }
  /** Typed inside the front matter (at the very start when there is none, which may open one). */
  | { kind: 'frontMatter'; at: number; text: string }
  /** The line holding `at` becomes a heading, or a heading one level deeper. */
  | { kind: 'heading'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'case'; at: number; length: number; upper: boolean }
  /** Every line break becomes CRLF (a file saved on Windows). */
  | { kind: 'crlf' };

export type TextEditKind = TextEdit['kind'];

export interface TextEditOptions {
  /** What insertions type (also at a line start and in the front matter). */
  inserts: readonly string[];
  /** The kinds of edit to draw from (all by default). */
  kinds?: readonly TextEditKind[];
  /** Longest deletion (12 by default). */
  maxDelete?: number;
}

/** Random edits of the given kinds. */
export function textEdits(options: TextEditOptions): fc.Arbitrary<TextEdit> {
  const inserted = fc.constantFrom(...options.inserts);
  const all: Record<TextEditKind, fc.Arbitrary<TextEdit>> = {
    insert: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: inserted }),
    lineStart: fc.record({ kind: fc.constant('lineStart' as const), at: fc.nat(), text: inserted }),
    delete: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: options.maxDelete ?? 12 }) }),
    join: fc.record({ kind: fc.constant('join' as const), at: fc.nat() }),
    split: fc.record({ kind: fc.constant('split' as const), at: fc.nat(), paragraph: fc.boolean() }),
    frontMatter: fc.record({ kind: fc.constant('frontMatter' as const), at: fc.nat(), text: inserted }),
    heading: fc.record({ kind: fc.constant('heading' as const), at: fc.nat() }),
    duplicateLine: fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
    case: fc.record({ kind: fc.constant('case' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), upper: fc.boolean() }),
    crlf: fc.constant({ kind: 'crlf' as const }),
  };
  const kinds = options.kinds ?? (Object.keys(all) as TextEditKind[]);
  return fc.oneof(...kinds.map(k => all[k]));
}

/** Start of the line holding offset `at`. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
}

/** The text after the edit (offsets taken modulo the text's length, so every edit applies). */
export function applyTextEdit(text: string, e: TextEdit): string {
  const at = 'at' in e ? e.at % (text.length + 1) : 0;
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'lineStart': {
      const start = lineStart(text, at);
      return text.slice(0, start) + e.text + text.slice(start);
    }
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'join': {
      const line = text.indexOf('\n', at);
      if (line < 0) return text;
      let from = line;
      let to = line + 1;
      while (from > 0 && /[ \t\r]/.test(text[from - 1])) from--;
      while (to < text.length && /[ \t\r\n]/.test(text[to])) to++;
      return text.slice(0, from) + ' ' + text.slice(to);
    }
    case 'split':
      return text.slice(0, at) + (e.paragraph ? '\n\n' : '\n') + text.slice(at);
    case 'frontMatter': {
      const end = text.startsWith('---') ? Math.max(3, text.indexOf('\n---', 3)) : 0;
      const inside = end > 0 ? at % end : 0;
      return text.slice(0, inside) + e.text + text.slice(inside);
    }
    case 'heading': {
      const start = lineStart(text, at);
      return text.slice(0, start) + (text[start] === '#' ? '#' : '## ') + text.slice(start);
    }
    case 'duplicateLine': {
      const start = lineStart(text, at);
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(start);
    }
    case 'case': {
      const part = text.slice(at, at + e.length);
      return text.slice(0, at) + (e.upper ? part.toUpperCase() : part.toLowerCase()) + text.slice(at + e.length);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}
