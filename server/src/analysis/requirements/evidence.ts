import type { EvidenceClause, StatementShape } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Sentence, Statement } from '../../model/types';
import { compiledPattern, type CompiledPattern } from './patterns';
import { sentenceFacts, type SentenceFacts } from './sentenceFacts';
import { DocumentSections, sectionKey } from './sectionRules';
import { currentTextTests, passesTest, slotOf, testOfEntry, type OpenTests, type TextTest, type TextTests } from './textTests';

/** A sentence as evidence is judged: what is known of its text, its statements, its section chain. */
export interface SentenceView {
  sentence: Sentence;
  facts: SentenceFacts;
  statements: Statement[];
}

/** An evidence clause's text patterns, compiled. */
interface CompiledClause {
  all?: CompiledPattern[];
  any?: CompiledPattern[];
  not?: CompiledPattern[];
  titled?: CompiledPattern[];
}

/**
 * A document's sentences prepared for evidence: by clause words (text test),
 * the sentences that may pass it. What the words of a sentence pass is judged
 * at most once per sentence text and kept with its facts (textTests.ts),
 * shared with other documents and later versions: a sentence judged to fail
 * is not listed again. Kept in flat arrays by sentence index: a 3 MB policy
 * has some 25 000 sentences, prepared again on every keystroke.
 */
class DocumentEvidence {
  readonly sentences: readonly Sentence[];
  readonly facts: SentenceFacts[];
  /** By sentence index: its statements, or undefined when it has none. */
  private readonly statements: (Statement[] | undefined)[];
  /** By sentence index: its section's number (see DocumentSections). */
  readonly sectionOf: Int32Array;
  readonly sections: DocumentSections;
  /** By sentence index: the text tests its words may pass, with their verdicts (see TextTests.open). */
  readonly open: OpenTests[];
  /** By sentence index: 1 while a call of matchingSentences has found it (all 0 between calls). */
  readonly found: Uint8Array;
  /** By text test id: the sentences that may pass it, ascending, and the test's slot in each sentence's open tests. */
  private readonly mayPass: ({ sentences: Int32Array; slots: Uint16Array } | undefined)[] = [];

  constructor(
    doc: PolicyDocument,
    readonly tests: TextTests,
  ) {
    const sentences = (this.sentences = doc.sentences);
    const n = sentences.length;
    this.statements = new Array(n);
    for (const s of doc.statements) (this.statements[s.sentence.index] ??= []).push(s);
    this.sections = new DocumentSections(doc);
    this.sectionOf = new Int32Array(n);
    this.found = new Uint8Array(n);
    const facts = (this.facts = new Array<SentenceFacts>(n));
    const open = (this.open = new Array<OpenTests>(n));
    const counts = new Int32Array(tests.list.length);
    let section: Section | null | undefined;
    let number = 0;
    for (let i = 0; i < n; i++) {
      const sentence = sentences[i];
      if (sentence.section !== section) {
        section = sentence.section;
        number = this.sections.numberOf(section);
      }
      this.sectionOf[i] = number;
      facts[i] = sentenceFacts(sentence.text);
      const entries = (open[i] = tests.open(facts[i]));
      for (let k = 0; k < entries.length; k++) counts[testOfEntry(entries[k])]++;
    }
    for (let t = 0; t < counts.length; t++) if (counts[t]) this.mayPass[t] = { sentences: new Int32Array(counts[t]), slots: new Uint16Array(counts[t]) };
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const entries = open[i];
      for (let k = 0; k < entries.length; k++) {
        const t = testOfEntry(entries[k]);
        const list = this.mayPass[t]!;
        const at = counts[t]++;
        list.sentences[at] = i;
        list.slots[at] = k;
      }
    }
  }

  /** The sentences that may pass the test, ascending, with the test's slot in each one's open tests. */
  mayPassTest(test: TextTest): { sentences: ArrayLike<number>; slots: ArrayLike<number> } {
    return this.mayPass[test.id] ?? NO_SENTENCES;
  }

  /** Whether sentence i passes the test whose slot in its open tests is `slot` (-1: not among them, so it fails). */
  passes(i: number, slot: number): boolean {
    return slot >= 0 && this.tests.passes(this.open[i], slot, this.facts[i]);
  }

  /** The view of sentence i, as returned to callers. */
  view(i: number): SentenceView {
    return { sentence: this.sentences[i], facts: this.facts[i], statements: this.statements[i] ?? [] };
  }

  /** Whether a statement of sentence i fits the shape. */
  statementFits(i: number, shape: StatementShape): boolean {
    const at = this.statements[i];
    return !!at && at.some(s => statementFits(s, shape));
  }

  /** By action: the sentences with a statement of that action, ascending (built on first use). */
  private byAction: Map<string, Int32Array> | undefined;
  private withStatements: Int32Array | undefined;

  /** Sentences with a statement that may fit the shape (by its action), ascending. */
  statementCandidates(shape: StatementShape): ArrayLike<number> {
    if (!this.byAction) {
      const byAction = new Map<string, number[]>();
      const withStatements: number[] = [];
      this.statements.forEach((at, i) => {
        if (!at) return;
        withStatements.push(i);
        for (const s of at) {
          const list = byAction.get(s.action);
          if (!list) byAction.set(s.action, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      });
      this.byAction = new Map([...byAction].map(([action, list]) => [action, Int32Array.from(list)]));
      this.withStatements = Int32Array.from(withStatements);
    }
    if (!shape.action) return this.withStatements!;
    const lists = shape.action.map(a => this.byAction!.get(a) ?? NONE);
    return lists.length === 1 ? lists[0] : this.union(lists);
  }

  private union(lists: ArrayLike<number>[]): ArrayLike<number> {
    if (lists.length === 1) return lists[0];
    const marked = new Uint8Array(this.sentences.length);
    let count = 0;
    for (const list of lists) {
      for (let k = 0; k < list.length; k++) {
        if (!marked[list[k]]) {
          marked[list[k]] = 1;
          count++;
        }
      }
    }
    const out = new Int32Array(count);
    for (let i = 0, k = 0; k < count; i++) if (marked[i]) out[k++] = i;
    return out;
  }
}

const NONE = new Int32Array(0);
const NO_SENTENCES = { sentences: NONE, slots: new Uint16Array(0) };

// Clauses come from the knowledge cache and live as long as it: compile once.
const compiledClauses = new WeakMap<EvidenceClause, CompiledClause>();

function compileClause(clause: EvidenceClause): CompiledClause {
  let c = compiledClauses.get(clause);
  if (!c) {
    c = { all: clause.all?.map(compiledPattern), any: clause.any?.map(compiledPattern), not: clause.not?.map(compiledPattern), titled: clause.titled?.map(compiledPattern) };
    compiledClauses.set(clause, c);
  }
  return c;
}

const documents = new WeakMap<PolicyDocument, DocumentEvidence>();

function evidenceOf(doc: PolicyDocument): DocumentEvidence {
  const tests = currentTextTests();
  let e = documents.get(doc);
  if (!e || e.tests !== tests) documents.set(doc, (e = new DocumentEvidence(doc, tests)));
  return e;
}

/**
 * The sentences that satisfy at least one of the clauses, in document order.
 * A clause goes over the sentences that may pass its text test or those with
 * a statement of its shape, whichever are fewer (every sentence when it has
 * neither); each is judged by its section, then its statements, then its
 * words, as a first analysis would, so that no pattern runs on a sentence
 * whose section or statements already rule it out.
 */
export function matchingSentences(clauses: readonly EvidenceClause[], doc: PolicyDocument): SentenceView[] {
  const evidence = evidenceOf(doc);
  const n = evidence.sentences.length;
  const { sectionOf, facts, open, found } = evidence;
  const hits: number[] = [];
  try {
    for (const clause of clauses) {
      const patterns = compileClause(clause);
      const test = evidence.tests.testOf(clause);
      const shape = clause.statement;
      // The sentences to go over: those that may pass the text test or have a statement of the shape, whichever are fewer; else all.
      let may: ArrayLike<number> | null = null;
      let slots: ArrayLike<number> | null = null;
      if (test) ({ sentences: may, slots } = evidence.mayPassTest(test));
      if (shape) {
        const byStatement = evidence.statementCandidates(shape);
        if (!may || byStatement.length < may.length) (may = byStatement), (slots = null);
      }
      const count = may ? may.length : n;
      const rule = sectionKey(clause);
      // Sentences come in document order, section after section: judge each section once.
      let section = -1;
      let allowed = true;
      for (let k = 0; k < count; k++) {
        const i = may ? may[k] : k;
        if (found[i]) continue;
        if (rule !== null && sectionOf[i] !== section) {
          section = sectionOf[i];
          allowed = evidence.sections.allows(clause, rule, patterns.titled, section);
        }
        if (!allowed) continue;
        if (shape && !evidence.statementFits(i, shape)) continue;
        if (test ? !evidence.passes(i, slots ? slots[k] : slotOf(open[i], test.id)) : !passesTest(patterns, facts[i])) continue;
        found[i] = 1;
        hits.push(i);
      }
    }
  } finally {
    // The marks are the document's, for the next call.
    for (const i of hits) found[i] = 0;
  }
  // Each clause finds its sentences in order; several clauses need sorting.
  if (clauses.length > 1) hits.sort((a, b) => a - b);
  return hits.map(i => evidence.view(i));
}

function statementFits(s: Statement, shape: StatementShape): boolean {
  if (shape.actor && !shape.actor.includes(s.actor)) return false;
  if (shape.action && !shape.action.includes(s.action)) return false;
  if (shape.negated !== undefined && s.negated !== shape.negated) return false;
  if (shape.requested && !(s.requested && shape.requested.includes(s.requested))) return false;
  if (shape.data && s.dataTypes.length === 0) return false;
  return true;
}
