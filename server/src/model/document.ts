import { parseFrontMatter } from './frontMatter';
import { LineIndex } from './positions';
import { markdownBlocks } from './markdownBlocks';
import { buildSections } from './sections';
import { splitSentences } from './sentences';
import { extractStatements } from './statements';
import { extractFacts } from './facts';
import type { Block, PolicyDocument, Sentence, Span } from './types';

/** Builds the policy model of a text. Never throws on any input. */
export function buildDocument(text: string): PolicyDocument {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text);
  const raw = markdownBlocks(text, lines, frontMatter?.span.end ?? 0);
  const { sections, outline, blocks, title } = buildSections(text, lines, raw, frontMatter?.span.end ?? 0);

  const sentences: Sentence[] = [];
  for (const block of blocks) {
    if (block.kind === 'code' || block.kind === 'html' || block.kind === 'heading') continue;
    for (const span of splitSentences(text.slice(block.span.start, block.span.end), block.span.start)) {
      sentences.push({ index: sentences.length, span, text: text.slice(span.start, span.end), block, section: block.section });
    }
  }
  const statements = extractStatements(text, sentences);
  const facts = extractFacts(text, sentences, blocks);
  return { text, lines, frontMatter, title, sections, outline, blocks, sentences, statements, facts };
}

export type { Block, Span };
