// The policy document model: what every check reads. All offsets are UTF-16
// code-unit offsets into the ORIGINAL text (BOM and CRLF included), so that a
// span converts to an LSP range without any map back.

import type { LineIndex } from './positions';

export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface PartyInfo {
  name?: string;
  address?: string;
  email?: string;
  phone?: string;
}

/** The `clausewise:` block of the YAML front matter, after validation. */
export interface PolicyDeclarations {
  jurisdictions?: string[];
  controller?: PartyInfo;
  dpo?: PartyInfo;
  euRepresentative?: PartyInfo;
  effectiveDate?: string;
  lastUpdated?: string;
  audience?: { children?: boolean; minimumAge?: number };
  sells?: boolean;
  shares?: boolean;
  /** Per-rule severity or 'off', as in settings. */
  rules?: Record<string, string>;
}

export interface FrontMatterProblem {
  message: string;
  span: Span;
}

export interface FrontMatter {
  /** The whole block, fences included. */
  span: Span;
  /** True when the block has a `clausewise:` key. */
  hasClausewise: boolean;
  declarations: PolicyDeclarations;
  problems: FrontMatterProblem[];
}

export interface Section {
  /** Position in document order among all sections. */
  index: number;
  title: string;
  titleSpan: Span;
  /** 1 = top level. Implicit headings get a level inferred from numbering. */
  level: number;
  /** "4", "2.1", "IV" … when the heading is numbered. */
  number?: string;
  /** From the heading to the end of the section (children included). */
  span: Span;
  /** Where the body ends before the first child (for placing new text). */
  children: Section[];
  parent: Section | null;
  /** True for a heading recognised in pasted text (no Markdown `#`). */
  implicit: boolean;
  /** The heading itself: its line, or for a run-in label the label and colon (with a number left at the end of the previous line). */
  headingSpan: Span;
}

/**
 * `title`: the title lines of pasted text (no section). `toc`: a line of a table of
 * contents or navigation menu (a run of titles without bodies); neither is prose.
 */
export type BlockKind = 'paragraph' | 'list-item' | 'table-row' | 'heading' | 'code' | 'html' | 'front-matter' | 'title' | 'toc';

export interface Block {
  kind: BlockKind;
  span: Span;
  /** The section whose body holds this block (null before the first heading). */
  section: Section | null;
}

export interface Sentence {
  index: number;
  span: Span;
  /** The sentence text as written (a slice of the original). */
  text: string;
  block: Block;
  section: Section | null;
}

export type Actor = 'we' | 'third-party' | 'user' | 'unknown';
export type Modality = 'may' | 'will' | 'must' | 'none';

/** An ontology concept found in the text. */
export interface TermMention {
  /** Ontology node id, e.g. `data/email-address`, `entity/advertising-network`. */
  id: string;
  span: Span;
}

export interface Statement {
  sentence: Sentence;
  actor: Actor;
  /** Canonical action verb: collect, use, share, sell, disclose, retain, transfer, delete, … */
  action: string;
  actionSpan: Span;
  dataTypes: TermMention[];
  recipients: TermMention[];
  negated: boolean;
  modality: Modality;
  /** Spans of "except …", "unless …", "other than …" clauses, with the concepts they name. */
  exceptions: { span: Span; terms: TermMention[] }[];
  /** Who the subject is, as written ("we", "Acme", "third-party advertisers"); absent for agentless passives. */
  actorSpan?: Span;
  /** `passive` for "your data may be shared …" (an agentless passive is read as the business acting: actor `we`). */
  voice?: 'active' | 'passive';
  /** Why, as ontology `purpose/…` mentions: "for their own marketing purposes" makes a denial a qualified one. */
  purposes?: TermMention[];
  /** Tracking technologies and browser signals the statement is about (`tech/cookie`, `tech/do-not-track`). */
  technologies?: TermMention[];
  /** Where the data comes from ("we collect information from data brokers"). */
  sources?: TermMention[];
  /** For a user's right or request (actor `user`, action `request`): delete, access, correct, port, object, restrict, opt-out, withdraw-consent, know. */
  requested?: string;
  /** Said under a condition ("if …", "when …", "in the event …"), not as a plain fact. */
  conditional?: boolean;
}

export interface DateFact {
  /** What the date is said to be. */
  role: 'effective' | 'last-updated' | 'other';
  /** ISO yyyy-mm-dd. */
  iso: string;
  span: Span;
}

export interface AgeFact {
  age: number;
  span: Span;
  /** The sentence mentions children / minors. */
  aboutChildren: boolean;
}

export interface DurationFact {
  amount: number;
  unit: 'day' | 'week' | 'month' | 'year';
  /** Approximate length in days, for comparison. */
  days: number;
  span: Span;
  sentence: Sentence;
}

export interface DefinedTerm {
  term: string;
  /** Where the term is defined (the quoted term). */
  span: Span;
}

export interface CrossReference {
  /** "7", "2.1" for numbered references; a title for named ones. */
  target: string;
  by: 'number' | 'name';
  direction: 'above' | 'below' | null;
  span: Span;
}

export interface Facts {
  dates: DateFact[];
  ages: AgeFact[];
  durations: DurationFact[];
  emails: Span[];
  phones: Span[];
  definedTerms: DefinedTerm[];
  crossReferences: CrossReference[];
}

export interface PolicyDocument {
  text: string;
  /** Offset ↔ position map of this text. */
  lines: LineIndex;
  frontMatter: FrontMatter | null;
  /** The document title: first top-level heading, or first line of pasted text. */
  title: Span;
  /** Every section in document order (a flat list; `outline` has the tree). */
  sections: Section[];
  outline: Section[];
  blocks: Block[];
  sentences: Sentence[];
  statements: Statement[];
  facts: Facts;
  /** `markdown` when the text has `#` or underlined headings; `plain` for pasted text, whose headings are recognised from their shape. */
  format: 'markdown' | 'plain';
}
