import { parseFrontMatter } from './frontMatter';
import { LineIndex } from './positions';
import { markdownBlocks } from './markdownBlocks';
import { sharedSentenceText } from './sentenceMemo';
import { buildSections } from './sections';
import { listMarkerLength, splitSentences } from './sentences';
import { extractStatements } from './statements';
import { extractFacts } from './facts';
import type { Block, PolicyDocument, Sentence, Span } from './types';

/** Blocks that hold prose; headings, titles, tables of contents, code and HTML do not. */
const PROSE = new Set<Block['kind']>(['paragraph', 'list-item', 'table-row']);

/** The structure of a policy: everything in the model but statements and facts. */
export type DocumentStructure = Omit<PolicyDocument, 'statements' | 'facts'>;

/** Builds the policy model of a text. Never throws on any input. */
export function buildDocument(text: string): PolicyDocument {
  const structure = buildStructure(text);
  const statements = extractStatements(text, structure.sentences);
  const facts = extractFacts(text, structure.sentences, structure.blocks);
  return { ...structure, statements, facts };
}

/** Front matter, sections, blocks and sentences, with exact spans into the original text. */
export function buildStructure(text: string): DocumentStructure {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text);
  const bodyStart = frontMatter?.span.end ?? 0;
  const raw = markdownBlocks(text, lines, bodyStart);
  const { sections, outline, blocks, title, format } = buildSections(text, lines, raw, bodyStart);
  if (frontMatter) blocks.unshift({ kind: 'front-matter', span: frontMatter.span, section: null });

  const sentences: Sentence[] = [];
  for (const block of blocks) {
    if (!PROSE.has(block.kind)) continue;
    let start = block.span.start;
    // A list item's bullet or number is not part of its first sentence.
    if (block.kind === 'list-item') start += listMarkerLength(text.slice(start, Math.min(block.span.end, start + 16)));
    for (const span of splitSentences(text.slice(start, block.span.end), start)) {
      sentences.push({ index: sentences.length, span, text: sharedSentenceText(text.slice(span.start, span.end)), block, section: block.section });
    }
  }
  return { text, lines, frontMatter, title, sections, outline, blocks, sentences, format };
}

export type { Block, Span };
