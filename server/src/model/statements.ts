// Who does what with which data, sentence by sentence.
//
// A statement is read around a verb of the policy vocabulary (collect, share,
// sell …): its subject must sit right before it (with auxiliaries, negation
// and adverbs in between), or it is a passive whose subject names the data.
// A verb without a recognisable subject ("your use of the Service", "Do Not
// Sell" as a link label) yields nothing: precision before recall.
//
// Coordinated verbs ("we do not sell, rent, or trade your information") give
// one Statement per verb, each carrying the negation, modality, data and
// recipients of the whole group.
//
// Reading conventions the checks rely on:
// - actor `we`: "we", "our company", the company's names from its definition
//   ("Acme, Inc. ("Acme", "we")"), "we and our partners", and an agentless
//   passive ("your data may be shared"; `voice: 'passive'`). `third-party`: an
//   ontology entity as subject, or "we allow/permit X to …". `user`: "you",
//   users, consumers, residents, parents. Pronoun subjects (they, it) give no
//   statement, so `unknown` is not produced.
// - a user's right is action `request` with `requested` (delete, access,
//   correct, port, object, restrict, opt-out, withdraw-consent, know), read
//   from "you may ask us to …", "you have the right to …" and "the right to
//   erasure"; what is asked for ("request that we delete") is not a
//   statement of the business.
// - recipients are named only for disclosing actions (share, sell, disclose,
//   rent, trade, transfer); sources ("from data brokers") for collecting ones.
// - mentions inside an exception belong to the exception, except in an
//   affirmative "only with X", where X are the recipients.

import { isJsSpace } from './characters';
import { ontology, type Ontology } from './ontology';
import { escapeRegexChar, trieSource } from './regexTrie';
import { SentenceMemo, detached } from './sentenceMemo';
import type { Actor, Modality, Sentence, Span, Statement, TermMention } from './types';

interface VerbForm {
  action: string;
  /** Past participle (or a form that can be one), for passives. */
  participle: boolean;
}

// Canonical action → inflected forms (the participle forms listed second).
const VERB_TABLE: [string, string[], string[]][] = [
  ['collect', ['collect', 'collects', 'collecting', 'gather', 'gathers', 'gathering', 'obtain', 'obtains', 'obtaining'], ['collected', 'gathered', 'obtained']],
  ['use', ['use', 'uses', 'using', 'utilize', 'utilizes', 'utilise', 'utilises'], ['used', 'utilized', 'utilised']],
  ['share', ['share', 'shares', 'sharing'], ['shared']],
  ['sell', ['sell', 'sells', 'selling'], ['sold']],
  ['disclose', ['disclose', 'discloses', 'disclosing', 'reveal', 'reveals'], ['disclosed', 'revealed']],
  ['rent', ['rent', 'rents', 'renting', 'lease', 'leases'], ['rented', 'leased']],
  ['trade', ['trade', 'trades', 'trading', 'barter'], ['traded', 'bartered']],
  ['transfer', ['transfer', 'transfers', 'transferring'], ['transferred']],
  ['retain', ['retain', 'retains', 'retaining', 'store', 'stores', 'storing', 'keep', 'keeps', 'keeping', 'preserve', 'preserves', 'archive'], ['retained', 'stored', 'kept', 'preserved', 'archived']],
  ['delete', ['delete', 'deletes', 'deleting', 'erase', 'erases', 'erasing', 'destroy', 'destroys', 'purge', 'purges', 'remove', 'removes'], ['deleted', 'erased', 'destroyed', 'purged', 'removed']],
  ['process', ['process', 'processes', 'processing'], ['processed']],
  ['track', ['track', 'tracks', 'tracking', 'monitor', 'monitors', 'monitoring'], ['tracked', 'monitored']],
  ['respond', ['respond', 'responds', 'honor', 'honors', 'honour', 'honours', 'recognize', 'recognizes', 'recognise', 'recognises', 'support', 'supports'], ['honored', 'honoured', 'recognized', 'recognised', 'supported']],
  ['notify', ['notify', 'notifies', 'inform', 'informs'], ['notified', 'informed']],
  ['access', ['access', 'accesses'], ['accessed']],
  ['correct', ['correct', 'corrects', 'rectify', 'rectifies', 'amend', 'update', 'updates'], ['corrected', 'rectified']],
  ['provide', ['provide', 'provides', 'give', 'gives', 'submit', 'submits'], []],
  ['request', ['request', 'requests', 'ask', 'asks'], []],
  ['opt-out', ['opt out', 'opt-out', 'unsubscribe'], []],
  ['object', ['object'], []],
  ['restrict', ['restrict', 'limit'], []],
  ['withdraw', ['withdraw'], []],
  ['port', ['port'], []],
  ['know', ['know'], []],
];

const VERB_FORMS = new Map<string, VerbForm>();
for (const [action, forms, participles] of VERB_TABLE) {
  for (const f of forms) VERB_FORMS.set(f, { action, participle: false });
  for (const f of participles) VERB_FORMS.set(f, { action, participle: true });
}
// Any form between word boundaries; "opt out" also as "opt-out" or across a line break.
const VERB_RE = new RegExp(`\\b${trieSource([...VERB_FORMS.keys()].map(f => f.replace(/[ -]/g, ' ')), { mode: 'word', atom: ch => (ch === ' ' ? '[\\s-]' : escapeRegexChar(ch)) })}\\b`, 'gi');

/** What the business (or a third party) may be said to do; user verbs are the rights below. */
const ORGANISATION_ACTIONS = new Set(['collect', 'use', 'share', 'sell', 'disclose', 'rent', 'trade', 'transfer', 'retain', 'delete', 'process', 'track', 'respond', 'notify', 'access']);
/** Actions that hand data to someone: their entity objects are recipients. */
const DISCLOSING_ACTIONS = new Set(['share', 'sell', 'disclose', 'rent', 'trade', 'transfer', 'provide']);
/** Rights over data: read from a bare verb ("you can delete …") only when data is named. */
const OBJECT_RIGHTS = new Set(['access', 'correct', 'delete', 'port', 'know']);
/** A user verb after "you may / you have the right to" → the right requested. */
const USER_RIGHTS: Record<string, string> = {
  access: 'access',
  correct: 'correct',
  delete: 'delete',
  'opt-out': 'opt-out',
  object: 'object',
  restrict: 'restrict',
  withdraw: 'withdraw-consent',
  port: 'port',
  know: 'know',
};

// Words between a subject and its verb: auxiliaries, negation, adverbs, and
// lead-ins that keep the subject as the actor ("we reserve the right to disclose").
const AUX_ATOMS = [
  "(?:may|might|can|could|will|would|shall|should|must|do|does|did|have|has|had|is|are|was|were|be|been|being|am)(?:n['’]t)?",
  "(?:cannot|can['’]t|won['’]t|shan['’]t|ain['’]t)",
  'not|never|neither|no\\s+longer|ever|also|only|still|further|then|otherwise|always|sometimes|thus|therefore|hereby',
  '[a-z]+ly',
  'in\\s+turn|from\\s+time\\s+to\\s+time|at\\s+times|in\\s+some\\s+cases|as\\s+well',
  'reserve\\s+the\\s+right\\s+to',
  '(?:required|obligated|obliged|compelled|permitted|allowed|able|entitled|free)(?:\\s+by\\s+law)?\\s+to',
  '(?:need|needs|have|has|intend|intends|plan|plans|continue|continues|choose|chooses|agree|agrees|promise|promises|strive|strives|try|tries|seek|seeks|attempt|attempts|want|wants|aim|aims|commit|commits|undertake|undertakes)\\s+to',
  '(?:has|have)\\s+(?:the|a)\\s+(?:legal\\s+)?right\\s+to',
  '(?:has|have)\\s+(?:the\\s+)?(?:option|ability|choice)\\s+to',
  '(?:not|never)?\\s*,\\s*(?:and|or)\\s+(?:will|shall|would|do|does|may|can)\\s+(?:not|never)\\s*,',
  // "we do not and will not sell", "we have not, and will not, sell"
  "(?:and|or)\\s+(?:will|shall|would|do|does|did|may|can|could|have|has)(?:n['’]t|\\s+not|\\s+never)",
  '\\([^()]{1,40}\\)',
];
const AUX_GROUP = `(?:(?:${AUX_ATOMS.join('|')})\\s+)*`;

const USER_SUBJECT =
  "you|(?:(?:california|eu|eea|uk|nevada|virginia|colorado|[a-z]+\\s+state)\\s+)?(?:users?|visitors?|customers?|consumers?|residents?|individuals|data\\s+subjects?|members|account\\s+holders|parents?(?:\\s+(?:or|and)\\s+(?:legal\\s+)?guardians?)?)";
const WE_SUBJECT = "we(?:['’](?:ll|ve|d|re))?|(?:the\\s+)?company|our\\s+(?:company|organi[sz]ation|business|team|staff|employees|systems?|servers?|website|site|app|application|platform|services?)|we\\s+and\\s+our\\s+[a-z-]+(?:\\s+[a-z-]+)?";
const OTHER_SUBJECT = 'they|it|he|she|which|who';
const PERMIT_VERBS = 'allow|allows|allowed|permit|permits|permitted|enable|enables|let|lets|authori[sz]e|authori[sz]es|authori[sz]ed';

// Bounds on how far a reading looks back and ahead in a sentence, so that its cost stays linear.
const LOOKBACK = 80;
const CLAUSE_WINDOW = 600;
const NEGATION_RE = /\b(?:not|never|neither|no\s+longer)\b|n['’]t\b|\bcannot\b/i;
const NOT_ONLY_RE = /\bnot\s+only\b/i;
const MAY_RE = /\b(?:may|might|can|could|cannot|permitted|allowed|able|entitled|free|reserve\s+the\s+right|option|ability|choice|right)\b|\bcan['’]t\b/i;
const WILL_RE = /\b(?:will|would|shall|won['’]t)\b|['’]ll\b/i;
const MUST_RE = /\b(?:must|required|obligated|obliged|compelled|need|needs|have\s+to|has\s+to)\b/i;
const BE_AUX_END_RE = /\b(?:is|are|was|were|be|been|being|am)(?:n['’]t)?\s+(?:(?:not|never|also|only|then|ever|further|in\s+turn|no\s+longer|[a-z]+ly)\s+)*$/i;
// "explains what personal information we collect", "how your data is used": an indirect question asserts nothing.
const EMBEDDING_WORD_RE = /\b(?:how|whether|what|why|whom)\s+(?:[\w'’-]+\s+){0,4}$|\b(?:how|whether|what|why|whom)\s*$/i;
const CONDITION_RE = /^(?:\W*)(?:if|when|whenever|in\s+the\s+event|should|once|where|to\s+the\s+extent|in\s+case|after|before|until)\b/i;
const CLAUSE_BREAK_RE = /;|:(?=\s*\p{Lu})|\s[—–]\s|\b(?:but|however|whereas|while|which|who|that|if|when|whenever|where|unless|except|provided|because|since|although|until|so)\b/giu;
// Between coordinated verbs: ", ", " and ", ", or ", " nor ", "/", optionally with their own auxiliaries.
const COORDINATION_RE = new RegExp(`^\\s*(?:,\\s*(?:and/or|and|or|nor|as\\s+well\\s+as)?|/|&|and/or|and|or|nor|as\\s+well\\s+as)\\s*(?:${AUX_GROUP})$`, 'i');
const EXCEPTION_RE =
  /\b(?:except(?:\s+(?:as|for|to|with|where|when|in|that|if|by))?|unless|other\s+than|excluding|save\s+(?:as|for|where)|apart\s+from|aside\s+from|without\s+(?:first\s+(?:obtaining|getting|receiving)\s+)?(?:your|the\s+user['’]s|their|a\s+parent['’]s|the\s+consumer['’]s|explicit|express|prior)\s+(?:[\w-]+\s+){0,2}?(?:consent|permission|authori[sz]ation|approval)|(?:but\s+)?only\s+(?:to|with|for|when|if|as|where|in|after|upon|on)|but\s+only)\b/gi;
const LEADING_EXCEPTION_RE = /^\W*(?:except|unless|other\s+than|apart\s+from|aside\s+from|save\s+as)\b[^,;]{0,200},/i;
// "in order to help …", "to provide …": what follows is a purpose, not the object.
const PURPOSE_INFINITIVE_RE = /\b(?:in\s+order\s+|so\s+as\s+)?to\s+(?!(?:the|a|an|any|all|our|your|their|its|his|her|such|other|these|those|this|that|third|us|you|them|him|it|anyone|each|every|one|another|outside|certain|some|law|enforcement|government|service|advertis\w*|analytics|affiliat\w*|partners?|vendors?|companies|entities|organi[sz]ations|individuals|users|people|persons?|customers?|visitors?|countries|jurisdictions|servers?|locations?|recipients?|buyers?|acquirers?|successors?|data|personal|information|non)\b)[a-z]+\b|\bso\s+that\b|\bfor\s+the\s+purposes?\s+of\b/gi;
const FROM_BEFORE_RE = /\b(?:from|through|via)\s+(?:[\w-]+\s+){0,3}$/i;
const COLLECTING_ACTIONS = new Set(['collect', 'use', 'process', 'retain', 'track', 'access']);
// Where the object noun phrase stops: a relative or conditional clause, or a new predicate ("the information we share is provided …").
const OBJECT_STOP_RE = /\b(?:where|when|whenever|if|which|who|whose|while|because|is|are|was|were|has|have|had|as\s+(?:described|set\s+(?:out|forth)|explained|detailed|outlined|noted|stated|defined)|see)\b/gi;
const BY_AGENT_RE = /^\s*by\s+/i;
const REQUESTED_RE: [RegExp, string][] = [
  [/\b(?:not\s+(?:to\s+)?(?:sell|share)|opt(?:ing)?[\s-]?out|unsubscrib\w*|stop\s+(?:selling|sharing))\b/i, 'opt-out'],
  [/\b(?:delet\w*|eras\w*|remov\w*|be\s+forgotten|destr\w*)\b/i, 'delete'],
  [/\b(?:correct\w*|rectif\w*|updat\w*|amend\w*|fix)\b/i, 'correct'],
  [/\b(?:port\w*|transmit\w*|transfer\w*|(?:machine[\s-])?readable)\b/i, 'port'],
  [/\b(?:restrict\w*|limit\w*)\b/i, 'restrict'],
  [/\bobject\w*\b/i, 'object'],
  [/\bwithdraw\w*\b/i, 'withdraw-consent'],
  [/\b(?:access|a\s+copy|copies|review|obtain|see|know|disclos\w*|details|categories|specific\s+pieces|information\s+about)\b/i, 'access'],
];
const RIGHT_NOUN_RE =
  /\bright\s+(?:to|of)\s+(?:request\s+|ask\s+for\s+|obtain\s+)?(?:the\s+|an?\s+)?(deletion|erasure|be\s+forgotten|delete|access|know|rectification|correction|correct|portability|data\s+portability|object|objection|restrict(?:ion)?(?:\s+of\s+processing)?|limit|opt[\s-]?out|withdraw(?:\s+(?:your\s+)?consent)?)\b/gi;
const RIGHT_WORD_RE = /right/i;
const RIGHT_NOUNS: Record<string, string> = {
  deletion: 'delete', erasure: 'delete', 'be forgotten': 'delete', delete: 'delete', access: 'access', know: 'know', rectification: 'correct',
  correction: 'correct', correct: 'correct', portability: 'port', 'data portability': 'port', object: 'object', objection: 'object',
  restrict: 'restrict', restriction: 'restrict', limit: 'restrict', withdraw: 'withdraw-consent',
};

// The names are read from the head of the policy, which a keystroke elsewhere leaves as it was.
const aliasMemo = new SentenceMemo<readonly string[]>(8, 200_000);

/** The business's own names, read from its definition: `Acme, Inc. ("Acme", "we", "us")`. */
export function companyAliases(text: string): string[] {
  const head = text.slice(0, 20000);
  let aliases = aliasMemo.get(head);
  if (aliases === undefined) {
    // Copied: a name cut from the text would keep this version of the document alive in the memo.
    aliases = aliasesIn(head).map(detached);
    aliasMemo.set(head, aliases);
  }
  return [...aliases];
}

function aliasesIn(head: string): string[] {
  const aliases: string[] = [];
  for (const m of head.matchAll(/\(([^()]{0,240})\)/g)) {
    const inside = m[1];
    if (!/["“'‘]\s*(?:we|us|our)\s*[,.]?\s*["”'’]/i.test(inside)) continue;
    for (const q of inside.matchAll(/["“'‘]\s*([^"“”'‘’]{2,40}?)\s*[,.]?\s*["”'’]/g)) {
      const alias = q[1].replace(/^the\s+/i, '').trim();
      if (alias && !/^(?:we|us|our|you|your)$/i.test(alias)) aliases.push(alias);
    }
    const before = head.slice(Math.max(0, m.index! - 80), m.index!);
    const name = /([\p{Lu}][\w&’'.-]*(?:[ \t]+[\p{Lu}][\w&’'.-]*){0,4}?)(?:,?[ \t]+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|GmbH|S\.A|AG|plc|Co|LLP|LP)\.?)?[ \t]*$/u.exec(before);
    if (name && !/^(?:The|This|Our|We)$/.test(name[1])) aliases.push(name[1].trim());
    const lineStart = head.lastIndexOf('\n', m.index!) + 1;
    const line = head.slice(lineStart, m.index!);
    for (const c of line.matchAll(/([\p{Lu}][\w&’'.-]*(?:[ \t]+[\p{Lu}][\w&’'.-]*){0,3}),?[ \t]+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|GmbH|plc|LLP)\b/gu)) aliases.push(c[1]);
    for (const c of line.matchAll(/\((?:DBA|d\/b\/a|doing\s+business\s+as)[ \t]+([^()\n]{2,40})\)/giu)) aliases.push(c[1].trim());
  }
  return [...new Set(aliases)].filter(a => a.length >= 2 && a.length <= 60);
}

/** The concept mentions of one sentence, with offsets relative to it, searchable in O(log n). */
class SentenceMentions {
  private readonly starts: number[];
  private readonly ends: number[];
  constructor(readonly list: TermMention[], base: number) {
    this.starts = list.map(m => m.span.start - base);
    this.ends = list.map(m => m.span.end - base);
  }

  /** Mentions inside [from, to), optionally of one family (`data`, `entity`, `tech`, `purpose`). */
  within(from: number, to: number, family?: string): TermMention[] {
    const out: TermMention[] = [];
    for (let i = this.firstFrom(from); i < this.list.length && this.starts[i] < to; i++) {
      if (this.ends[i] <= to && (!family || familyOf(this.list[i].id) === family)) out.push(this.list[i]);
    }
    return out;
  }

  /** The mention that contains [start, end), if any (mentions never overlap). */
  covering(start: number, end: number): TermMention | undefined {
    const i = this.firstFrom(start + 1) - 1;
    return i >= 0 && this.starts[i] <= start && this.ends[i] >= end ? this.list[i] : undefined;
  }

  startsAt(at: number): boolean {
    const i = this.firstFrom(at);
    return i < this.list.length && this.starts[i] === at;
  }

  /** The last mention ending at or before `at`, with its relative end. */
  lastEndingBy(at: number): { mention: TermMention; start: number; end: number } | undefined {
    let i = this.firstFrom(at) - 1;
    while (i >= 0 && this.ends[i] > at) i--;
    return i >= 0 ? { mention: this.list[i], start: this.starts[i], end: this.ends[i] } : undefined;
  }

  /** The first mention starting after `at`, with its relative start. */
  firstStartingAfter(at: number): { mention: TermMention; start: number } | undefined {
    const i = this.firstFrom(at + 1);
    return i < this.list.length ? { mention: this.list[i], start: this.starts[i] } : undefined;
  }

  private firstFrom(at: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function familyOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

interface VerbHit {
  start: number;
  end: number;
  action: string;
  participle: boolean;
}

/** The regular expressions that find a verb's subject, built once per document (the company's names vary). */
interface SubjectGrammar {
  /** Where a subject word may begin (a forward scan of the words before a verb). */
  candidates: RegExp;
  /** Sticky: from a subject word, through auxiliaries, to the verb. */
  tail: RegExp;
}

function subjectGrammar(aliasPattern: string): SubjectGrammar {
  const we = `${WE_SUBJECT}${aliasPattern ? `|${aliasPattern}` : ''}`;
  return {
    // ASCII word boundaries are enough (and much faster) unless the company's name is not ASCII.
    candidates: /^[\x00-\x7f]*$/.test(aliasPattern)
      ? new RegExp(`(?<![\\w'’-])(?:${we}|${USER_SUBJECT}|${OTHER_SUBJECT})(?=\\s)`, 'gi')
      : new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${we}|${USER_SUBJECT}|${OTHER_SUBJECT})(?=\\s)`, 'giu'),
    tail: new RegExp(`((${we})|(${USER_SUBJECT})|(${OTHER_SUBJECT}))\\s+(${AUX_GROUP})(?:(${PERMIT_VERBS})\\s+([^,;]{1,80}?)\\s+to\\s+)?$`, 'iuy'),
  };
}

const AUX_WORDS = new Set(
  'may might can could will would shall should must do does did have has had is are was were be been being am cannot not never neither ever also only still further then otherwise always sometimes thus therefore hereby'.split(' '),
);

/** Where the auxiliaries before a verb begin ("… may not be | shared"), read backwards word by word. */
function auxGroupStart(left: string): number {
  let i = left.length;
  let start = left.length;
  for (;;) {
    let end = i;
    while (end > 0 && isJsSpace(left.charCodeAt(end - 1))) end--;
    let begin = end;
    while (begin > 0 && isWordLetter(left, begin - 1)) begin--;
    if (begin === end) return start;
    const word = left.slice(begin, end).toLowerCase().replace(/’/g, "'");
    const bare = word.replace(/n't$/, '');
    if (AUX_WORDS.has(word) || AUX_WORDS.has(bare) || /^(?:can|won|shan|ain)'t$/.test(word) || /^[a-z]+ly$/.test(word)) {
      start = begin;
      i = begin;
      continue;
    }
    // "may need to be shared", "are required to be disclosed"
    const lead = word === 'to' ? /\b(?:need|needs|have|has|required|obligated|obliged|compelled|permitted|allowed|able|going|intend|intends)\s+$/i.exec(left.slice(Math.max(0, begin - 16), begin)) : null;
    if (lead) {
      start = Math.max(0, begin - 16) + lead.index;
      i = start;
      continue;
    }
    if (word === 'longer' && /\bno\s+$/i.test(left.slice(0, begin))) {
      start = left.slice(0, begin).search(/no\s+$/i);
      i = start;
      continue;
    }
    return start;
  }
}

/** /[\p{L}'’]/u at `i` (a lone surrogate half is not a letter, as for the regex on one code unit). */
function isWordLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
  return c === 0x2019 || LETTER_RE.test(s[i]);
}
const LETTER_RE = /^\p{L}$/u;

interface Subject {
  actor: Actor;
  span?: Span;
  /** Where the subject (or the passive's noun phrase) begins, relative to the sentence. */
  start: number;
  aux: string;
  passive: boolean;
}

/** Reads who does what with which data in each sentence. */
export function extractStatements(text: string, sentences: Sentence[]): Statement[] {
  const out: Statement[] = [];
  if (!sentences.length) return out;
  const onto = ontology();
  const aliases = companyAliases(text);
  const aliasPattern = aliases.map(a => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
  const grammar = subjectGrammar(aliasPattern);
  if (onto !== memoOntology) {
    statementMemo.clear();
    memoOntology = onto;
  }
  // Besides its own text and the ontology (checked above), a sentence's reading depends only on the company's names.
  const context = `${aliasPattern.length}:${aliasPattern}`;
  for (const sentence of sentences) {
    // Keyed by the text alone (a concatenated key would cost a copy of every sentence on every analysis); the names are checked on a hit.
    const key = sentence.text;
    const remembered = statementMemo.get(key);
    const known = remembered && remembered.context === context ? remembered.statements : undefined;
    if (known) {
      if (!known.length) continue;
      const copies = new Map<object, unknown>();
      for (const template of known) out.push(relocated(template, sentence, sentence.span.start, copies));
      continue;
    }
    const firstOfSentence = out.length;
    for (const part of readablePieces(sentence)) {
      const first = out.length;
      try {
        readSentence(part, () => new SentenceMentions(onto.findMentions(text, part.span.start, part.span.end), part.span.start), grammar, out);
      } catch {
        // A sentence the reader cannot follow yields no statement; the rest of the document still does.
      }
      for (let k = first; k < out.length; k++) out[k].sentence = sentence;
    }
    if (out.length === firstOfSentence) {
      statementMemo.set(key, { context, statements: NO_STATEMENTS });
      continue;
    }
    const copies = new Map<object, unknown>();
    statementMemo.set(key, { context, statements: out.slice(firstOfSentence).map(st => relocated(st, null, -sentence.span.start, copies)) });
  }
  return out;
}

// Re-analysis after a keystroke redoes only the sentences that changed: the
// statements of a sentence are kept with spans relative to its start, keyed by
// its text and the company's names, and copied out afresh on every use.
type StatementTemplate = Omit<Statement, 'sentence'> & { sentence: null };
/** A sentence's statements as read with the company names of `context` (see extractStatements). */
interface RememberedReading {
  context: string;
  statements: readonly StatementTemplate[];
}
// Room for every sentence of a 3 MB policy (about 30 000): a least-recently-used
// memo smaller than the document would miss on every sentence of it, in order.
const statementMemo = new SentenceMemo<RememberedReading>(60_000, 8_000_000);
let memoOntology: Ontology | undefined;
// Most sentences state nothing the reader knows: they share one empty list.
const NO_STATEMENTS: readonly StatementTemplate[] = Object.freeze([]);

/**
 * A deep copy of a statement with every span moved by `delta` and its
 * sentence replaced. `copies` keeps objects shared between the statements of
 * one sentence (a mention both in the data and in an exception) shared in the copy.
 */
function relocated(statement: Statement, sentence: null, delta: number, copies: Map<object, unknown>): StatementTemplate;
function relocated(statement: StatementTemplate, sentence: Sentence, delta: number, copies: Map<object, unknown>): Statement;
function relocated(statement: Statement | StatementTemplate, sentence: Sentence | null, delta: number, copies: Map<object, unknown>): Statement | StatementTemplate {
  const copy: Record<string, unknown> = {};
  const record = statement as unknown as Record<string, unknown>;
  for (const k in record) copy[k] = k === 'sentence' ? sentence : moved(record[k], delta, copies);
  return copy as unknown as Statement | StatementTemplate;
}

function moved(value: unknown, delta: number, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    copies.set(value, list);
    for (const item of value) list.push(moved(item, delta, copies));
    return list;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.start === 'number' && typeof record.end === 'number') {
    const span = keys[0] === 'start' ? { start: record.start + delta, end: record.end + delta } : { end: record.end + delta, start: record.start + delta };
    copies.set(value, span);
    return span;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const k of keys) copy[k] = moved(record[k], delta, copies);
  return copy;
}

// The longest sentence of real policies runs to about a thousand characters; a
// "sentence" many times longer is a list or a table pasted without stops, not
// prose a lawyer wrote. Reading it whole would make the reader's work grow
// with the square of its length, so it is read in pieces of at most this size,
// cut after a semicolon, a comma or a space.
const MAX_READ_LENGTH = 2000;

function readablePieces(sentence: Sentence): Sentence[] {
  const s = sentence.text;
  if (s.length <= MAX_READ_LENGTH) return [sentence];
  const pieces: Sentence[] = [];
  let from = 0;
  while (from < s.length) {
    let to = Math.min(s.length, from + MAX_READ_LENGTH);
    if (to < s.length) {
      const window = s.slice(from, to);
      const half = MAX_READ_LENGTH / 2;
      const cut = [window.lastIndexOf(';'), window.lastIndexOf(','), window.search(/\s\S*$/)].find(c => c >= half);
      if (cut !== undefined) to = from + cut + 1;
    }
    const start = sentence.span.start + from;
    pieces.push({ ...sentence, span: { start, end: sentence.span.start + to }, text: s.slice(from, to) });
    from = to;
  }
  return pieces;
}

function readSentence(
  sentence: Sentence,
  findMentions: () => SentenceMentions,
  grammar: SubjectGrammar,
  out: Statement[],
): void {
  const s = sentence.text;
  const base = sentence.span.start;
  const rel = (m: TermMention) => ({ start: m.span.start - base, end: m.span.end - base });
  // Verbs, minus those inside a concept mention ("Do Not Track", "tracking technologies").
  let verbs: VerbHit[] = [];
  let firstLetter = -2;
  VERB_RE.lastIndex = 0;
  for (let m = VERB_RE.exec(s); m; m = VERB_RE.exec(s)) {
    // "Where We Store and Process Personal Data": a title, not a sentence (a form begins with an ASCII letter).
    const c = m[0].charCodeAt(0);
    if (c >= 65 && c <= 90) {
      if (firstLetter === -2) firstLetter = s.search(/\p{L}/u);
      if (m.index > firstLetter) continue;
    }
    const f = VERB_FORMS.get(m[0].toLowerCase().replace(/[\s-]+/g, ' '));
    if (!f) continue;
    const start = m.index;
    const end = start + m[0].length;
    verbs.push({ start, end, action: f.action, participle: f.participle });
  }
  // Most of the cost is finding concepts: only sentences with a verb of the vocabulary need them.
  const mentions = verbs.length ? findMentions() : new SentenceMentions([], base);
  verbs = verbs.filter(v => !mentions.covering(v.start, v.end));
  const firstOfSentence = out.length;
  try {
    readVerbs(s, base, sentence, verbs, mentions, rel, grammar, out);
  } finally {
    emitRightNouns(sentence, out, firstOfSentence);
  }
}

function readVerbs(
  s: string,
  base: number,
  sentence: Sentence,
  verbs: VerbHit[],
  mentions: SentenceMentions,
  rel: (m: TermMention) => Span,
  grammar: SubjectGrammar,
  out: Statement[],
): void {
  if (!verbs.length) return;
  const family = familyOf;

  const leadingException = LEADING_EXCEPTION_RE.exec(s);
  const exceptionsIn = (from: number, to: number) => {
    const found: { start: number; end: number }[] = [];
    for (const m of matchesWithin(EXCEPTION_RE, s, from, to)) found.push({ start: m.index, end: to });
    // Each exception runs to the next one or the clause end.
    for (let i = 0; i + 1 < found.length; i++) found[i].end = found[i + 1].start;
    return found;
  };

  let i = 0;
  while (i < verbs.length) {
    // A chain of coordinated verbs: "sell, rent, or trade".
    const chain: { verb: VerbHit; ownAux: string }[] = [{ verb: verbs[i], ownAux: '' }];
    let j = i + 1;
    while (j < verbs.length) {
      const gap = s.slice(verbs[j - 1].end, verbs[j].start);
      const c = COORDINATION_RE.exec(gap);
      if (!c) break;
      if (verbs[j].participle !== verbs[i].participle && !/\b(?:is|are|be|been|was|were)\b/i.test(gap)) {
        // "we collected and use": mixed forms are still one chain in active voice.
        if (verbs[i].participle) break;
      }
      chain.push({ verb: verbs[j], ownAux: gap.replace(/^\s*(?:,\s*)?(?:and\/or|and|or|nor|as\s+well\s+as|\/|&)?\s*/i, '') });
      j++;
    }
    i = j;
    const head = chain[0].verb;
    const subject = findSubject(s, head, mentions, rel, grammar);
    if (!subject) continue;
    if (subject.actor === 'unknown' && !subject.passive) continue;

    const last = chain[chain.length - 1].verb;
    const clauseEnd = findClauseEnd(s, last.end, verbs, j);
    const exceptionSpans = exceptionsIn(last.end, clauseEnd);
    if (leadingException && leadingException.index + leadingException[0].length <= subject.start) exceptionSpans.unshift({ start: leadingException.index, end: leadingException.index + leadingException[0].length - 1 });
    const objectEnd = exceptionSpans.find(e => e.start >= last.end)?.start ?? clauseEnd;
    const nounEnd = objectStop(s, last.end, objectEnd);
    const dataEnd = Math.min(nounEnd, purposeStart(s, last.end, objectEnd, mentions));
    const inRange = (from: number, to: number, fam: string) => mentions.within(from, to, fam);

    const clauseStart = subject.start;
    const conditional = CONDITION_RE.test(clauseLead(s, clauseStart));
    const onlyRestricts = (e: { start: number }) => /^(?:but\s+)?only\b/i.test(s.slice(e.start));

    for (const { verb, ownAux } of chain) {
      const aux = ownAux.trim() ? ownAux : subject.aux;
      const negated = isNegated(subject, ownAux, chain, verb, s);
      const modality = modalityOf(ownAux.trim() ? ownAux : subject.aux);
      let actor = subject.actor;
      let action = verb.action;
      let requested: string | undefined;

      if (actor === 'user') {
        if (action === 'request') {
          requested = requestedRight(s.slice(verb.end, Math.min(s.length, verb.end + 80)));
          if (!requested) continue;
        } else if (USER_RIGHTS[action] && (modality === 'may' || /\bright\b/i.test(aux))) {
          // "you can access your settings" is a feature, "you can access your personal data" a right.
          const needsData = OBJECT_RIGHTS.has(action) && !/\bright\b/i.test(aux);
          if (needsData && !inRange(verb.end, dataEnd, 'data').some(d => !/settings|preferences/i.test(s.slice(rel(d).end, rel(d).end + 20)))) continue;
          requested = USER_RIGHTS[action];
          action = 'request';
        } else if (action !== 'provide') continue;
      } else if (!ORGANISATION_ACTIONS.has(action) && !(action === 'provide' && providesDataTo(s, verb.end, dataEnd, inRange(verb.end, dataEnd, 'data'), inRange(verb.end, dataEnd, 'entity'), rel))) {
        continue;
      }
      if (action === 'provide' && actor !== 'user') action = 'disclose';

      let dataTypes = inRange(verb.end, dataEnd, 'data');
      let technologies = inRange(verb.end, dataEnd, 'tech');
      let recipients: TermMention[] = [];
      const sources: TermMention[] = [];
      let agentActor: Actor | null = null;
      for (const m of inRange(verb.end, dataEnd, 'entity')) {
        const r = rel(m);
        const before = s.slice(Math.max(last.end, r.start - 40), r.start);
        if (subject.passive && BY_AGENT_RE.test(s.slice(last.end, r.start)) && !recipients.length) {
          agentActor = 'third-party';
          continue;
        }
        if (FROM_BEFORE_RE.test(before)) {
          if (COLLECTING_ACTIONS.has(action)) sources.push(m);
        }
        else if (DISCLOSING_ACTIONS.has(verb.action) || DISCLOSING_ACTIONS.has(action)) recipients.push(m);
      }
      if (subject.passive) {
        dataTypes = [...inRange(subject.start, head.start, 'data'), ...dataTypes];
        technologies = [...inRange(subject.start, head.start, 'tech'), ...technologies];
        if (agentActor) actor = agentActor;
        else if (/^\s*by\s+(?:us|the\s+company)\b/i.test(s.slice(last.end))) actor = 'we';
      } else if (!dataTypes.length && !technologies.length) {
        // "The personal information we collect …": the object is the noun phrase the clause hangs on.
        const before = mentions.lastEndingBy(subject.start);
        const lastHung = before && /^\s*(?:that|which)?\s*$/i.test(s.slice(before.end, subject.start)) ? before.mention : undefined;
        if (lastHung && (family(lastHung.id) === 'data' || family(lastHung.id) === 'tech')) (family(lastHung.id) === 'data' ? dataTypes : technologies).push(lastHung);
      }
      const exceptions = exceptionSpans.map(e => ({
        span: { start: base + e.start, end: base + trimEnd(s, e.end) },
        terms: mentions.within(e.start, e.end),
      }));
      // "only with our service providers": in an affirmative statement the limit names the recipients.
      if (!negated) for (const e of exceptionSpans) if (onlyRestricts(e) && DISCLOSING_ACTIONS.has(action)) recipients = [...recipients, ...inRange(e.start, e.end, 'entity')];
      const purposes = inRange(verb.end, objectEnd, 'purpose');

      if (actor === 'user' && action === 'provide' && !dataTypes.length) continue;
      // Tracking and notifying are statements in themselves ("we do not track you across websites").
      const tracking = action === 'track' && /^track/i.test(s.slice(verb.start, verb.end));
      if (actor !== 'user' && !dataTypes.length && !technologies.length && !recipients.length && !purposes.length && !tracking && action !== 'respond' && action !== 'notify') continue;
      if (action === 'respond' && !technologies.length && !/\brequests?\b/i.test(s.slice(verb.end, objectEnd))) continue;

      const statement: Statement = {
        sentence,
        actor,
        action,
        actionSpan: { start: base + verb.start, end: base + verb.end },
        dataTypes,
        recipients,
        negated,
        modality,
        exceptions,
        voice: subject.passive ? 'passive' : 'active',
        purposes,
        technologies,
        sources,
      };
      if (subject.span) statement.actorSpan = { start: base + subject.span.start, end: base + subject.span.end };
      if (requested) statement.requested = requested;
      if (conditional) statement.conditional = true;
      out.push(statement);
    }
  }
}

/** Where a purpose clause ("to help us …", "so that …") starts after the verb: data named after it is not the object. */
function purposeStart(s: string, from: number, to: number, mentions: SentenceMentions): number {
  for (const m of matchesWithin(PURPOSE_INFINITIVE_RE, s, from, to)) {
    const word = m.index + m[0].search(/\S+$/);
    if (mentions.startsAt(word)) continue;
    return m.index;
  }
  return to;
}

function findSubject(
  s: string,
  head: VerbHit,
  mentions: SentenceMentions,
  rel: (m: TermMention) => Span,
  grammar: SubjectGrammar,
): Subject | null {
  const family = familyOf;
  const from = Math.max(0, head.start - 130);
  const left = s.slice(from, head.start);

  // Passive: "… is never sold", "your data may be shared".
  if (head.participle && BE_AUX_END_RE.test(left)) {
    const auxAt = auxGroupStart(left);
    const auxStart = from + auxAt;
    const np = passiveSubjectStart(s, auxStart, mentions);
    if (EMBEDDING_WORD_RE.test(s.slice(Math.max(0, np - LOOKBACK), np))) return null;
    const npText = s.slice(np, auxStart);
    if (/\b(?:how|whether|what|why)\b/i.test(npText)) return null;
    const named = mentions.within(np, auxStart).some(m => family(m.id) === 'data' || family(m.id) === 'tech');
    if (!named && !/\b(?:it|they|this|these|such|which|that)\b/i.test(npText)) return null;
    return { actor: 'we', start: np, aux: (/^\W*(?:no|neither)\b/i.test(npText) ? 'not ' : '') + left.slice(auxAt), passive: true };
  }

  const m = matchSubject(left, grammar);
  if (m) {
    const subjStart = from + m.index;
    if (EMBEDDING_WORD_RE.test(s.slice(Math.max(0, subjStart - LOOKBACK), subjStart))) return null;
    const span = { start: subjStart, end: subjStart + m[1].length };
    const actor: Actor = m[2] ? 'we' : m[3] ? 'user' : 'unknown';
    // "Do we sell your personal information?": a question (often a heading) asserts nothing.
    if (s.trimEnd().endsWith('?') && /\b(?:do|does|did|will|would|can|could|may|might|shall|should|is|are|have|has)\s+$/i.test(s.slice(Math.max(0, subjStart - 12), subjStart))) return null;
    // "you may request that we delete …": what is asked for, not what we say we do.
    if (actor === 'we' && /\b(?:request|requests|requested|ask|asks|asked|require|instruct|direct)\s+(?:that\s+)?$/i.test(s.slice(Math.max(0, subjStart - 30), subjStart))) return null;
    // "we allow third parties to collect": the third parties act, under our permission.
    if (m[6]) {
      if (actor !== 'we') return null;
      const npStart = head.start - m[0].length + m[0].lastIndexOf(m[7]);
      const who = mentions.within(npStart, head.start, 'entity')[0];
      if (!who) return null;
      return { actor: 'third-party', span: rel(who), start: subjStart, aux: m[5], passive: false };
    }
    return { actor, span, start: subjStart, aux: m[5], passive: false };
  }

  // An entity as subject: "Third-party advertisers may collect …".
  const auxAt = auxGroupStart(left);
  const auxStart = from + auxAt;
  const aux = left.slice(auxAt);
  const candidate = mentions.lastEndingBy(auxStart);
  const entity = candidate && family(candidate.mention.id) === 'entity' && /^\s*$/.test(s.slice(candidate.end, auxStart)) ? candidate.mention : undefined;
  if (entity) {
    const es = rel(entity);
    if (/\b(?:with|to|by|from|for|of|about|on|among|between)\s+(?:\w+\s+){0,2}$/i.test(s.slice(Math.max(0, es.start - 30), es.start))) return null;
    if (EMBEDDING_WORD_RE.test(s.slice(Math.max(0, es.start - LOOKBACK), es.start))) return null;
    // "We and/or our partners share …", "We, our affiliates and our service providers may disclose …".
    const weFrom = Math.max(0, es.start - 80);
    const weLed = /(?:^|[^\p{L}])we\s*(?:,|and\/or|and|or)\s+(?:[\p{L}'’-]+\s*,?\s+){0,8}$/iu.exec(s.slice(weFrom, es.start));
    if (weLed) return { actor: 'we', span: { start: weFrom + weLed.index, end: es.end }, start: weFrom + weLed.index, aux, passive: false };
    return { actor: 'third-party', span: es, start: es.start, aux, passive: false };
  }
  return null;
}

/** The nearest subject before a verb with only auxiliaries between: tried at each subject word, last first. */
function matchSubject(left: string, grammar: SubjectGrammar): RegExpExecArray | null {
  const starts: number[] = [];
  grammar.candidates.lastIndex = 0;
  for (let c = grammar.candidates.exec(left); c; c = grammar.candidates.exec(left)) starts.push(c.index);
  for (let k = starts.length - 1; k >= 0; k--) {
    grammar.tail.lastIndex = starts[k];
    const m = grammar.tail.exec(left);
    if (m) return m;
  }
  return null;
}

/** Where a passive's subject noun phrase begins: after the last clause break before the auxiliary. */
function passiveSubjectStart(s: string, auxStart: number, mentions: SentenceMentions): number {
  let start = Math.max(0, auxStart - CLAUSE_WINDOW);
  for (const m of matchesWithin(CLAUSE_BREAK_RE, s, start, auxStart)) start = m.index + m[0].length;
  // A comma ends an introductory phrase ("If …, your data may be shared"), but not a list
  // ("Credit card numbers, billing addresses, and payment details are collected").
  let comma = s.lastIndexOf(',', auxStart - 1);
  while (comma >= start) {
    const after = s.slice(comma + 1, auxStart);
    const itemBefore = mentions.lastEndingBy(comma);
    const itemAfter = mentions.firstStartingAfter(comma);
    const listItemBefore =
      !!itemBefore && /^[\s*_"”’)]*$/.test(s.slice(itemBefore.end, comma)) && !!itemAfter && /^\s*(?:the\s+|your\s+|our\s+|any\s+)?$/i.test(s.slice(comma + 1, itemAfter.start));
    if (!/^\s*(?:and|or|and\/or)\b/i.test(after) && !listItemBefore) {
      start = comma + 1;
      break;
    }
    comma = s.lastIndexOf(',', comma - 1);
  }
  while (start < auxStart && /\s/.test(s[start])) start++;
  return start;
}

/** The text before a clause's subject, back to the previous semicolon: does a condition govern it? */
function clauseLead(s: string, subjectStart: number): string {
  const semicolon = s.lastIndexOf(';', subjectStart);
  return s.slice(Math.max(semicolon + 1, subjectStart - CLAUSE_WINDOW), subjectStart);
}

/** A clause ends at a semicolon, a dash break, "but …", or where the next verb group's own subject begins. */
function findClauseEnd(s: string, from: number, verbs: VerbHit[], nextVerb: number): number {
  // A run-on "sentence" (a list pasted without stops) must not make each verb read to its end.
  let end = Math.min(s.length, from + CLAUSE_WINDOW);
  for (const m of matchesWithin(CLAUSE_END_RE, s, from, end)) {
    // A semicolon inside "(including …; excluding …)" does not end the clause.
    if (depthAt(s, from, m.index) > 0) continue;
    end = m.index;
    break;
  }
  for (let k = nextVerb; k < verbs.length && verbs[k].start < end; k++) {
    const before = s.slice(Math.max(from, verbs[k].start - 80), verbs[k].start);
    const subj = /(?:,\s*(?:and|or|but|while|whereas)?\s*|\s(?:and|or|but|while|whereas|before|after|until|when|whenever|if|because|since|once|unless|where)\s+)(?:[\w-]+\s+)?(?:we|you|they|it|our\s+\w+|third[\s-]part(?:y|ies)\s+\w*)\s+[\w\s'’]{0,40}$/i.exec(before);
    if (subj) {
      end = Math.min(end, Math.max(from, verbs[k].start - 80) + subj.index);
      break;
    }
  }
  return end;
}

const CLAUSE_END_RE = /;|\s[—–]\s|,?\s+but\s+(?!only\b|not\s+limited\b)|,\s+(?:and|or)\s+(?:[\w-]+\s+)?(?:we|you|they|our)\b|[.!?][_*"”’)\]]*\s+/g;

function depthAt(s: string, from: number, at: number): number {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && depth > 0) depth--;
  }
  return depth;
}

/** Where the object noun phrase ends (outside parentheses). */
function objectStop(s: string, from: number, to: number): number {
  for (const m of matchesWithin(OBJECT_STOP_RE, s, from, to)) {
    if (depthAt(s, from, m.index) > 0) continue;
    // "where required by law" is a purpose the object region may keep; the object itself ends anyway.
    return m.index;
  }
  return to;
}

/** "we provide your email address to advertisers": provide is a disclosure only with data handed to someone. */
function providesDataTo(s: string, from: number, to: number, data: TermMention[], entities: TermMention[], rel: (m: TermMention) => Span): boolean {
  if (!data.length || !entities.length) return false;
  const firstData = rel(data[0]).start;
  return entities.some(e => rel(e).start > firstData && /\b(?:to|with)\s+(?:[\w-]+\s+){0,3}$/i.test(s.slice(Math.max(from, rel(e).start - 40), rel(e).start))) && to > from;
}

function isNegated(subject: Subject, ownAux: string, chain: { verb: VerbHit; ownAux: string }[], verb: VerbHit, s: string): boolean {
  if (ownAux.trim()) {
    if (NOT_ONLY_RE.test(ownAux)) return false;
    return NEGATION_RE.test(ownAux);
  }
  const headAux = subject.aux;
  if (NOT_ONLY_RE.test(headAux)) return false;
  if (NEGATION_RE.test(headAux)) return true;
  // "neither sell nor rent": the "nor" before a later verb negates it too.
  const index = chain.findIndex(c => c.verb === verb);
  if (index > 0) {
    const gap = s.slice(chain[index - 1].verb.end, verb.start);
    if (/\bnor\b/i.test(gap)) return true;
  }
  return false;
}

function modalityOf(aux: string): Modality {
  if (MUST_RE.test(aux)) return 'must';
  if (WILL_RE.test(aux)) return 'will';
  if (MAY_RE.test(aux)) return 'may';
  return 'none';
}

function requestedRight(after: string): string | undefined {
  const window = after.split(/[;.]/)[0];
  let best: { at: number; right: string } | undefined;
  for (const [re, right] of REQUESTED_RE) {
    const m = re.exec(window);
    if (m && (!best || m.index < best.at)) best = { at: m.index, right };
  }
  return best?.right;
}

/** "the right to erasure", "right of access": a user right named by its noun. */
function emitRightNouns(sentence: Sentence, out: Statement[], firstOfSentence: number): void {
  const s = sentence.text;
  // Both readings below begin with the word "right".
  if (!RIGHT_WORD_RE.test(s)) return;
  // "The right to request detailed information about …": the request names the right.
  for (const m of s.matchAll(/\bright\s+to\s+(?:request|ask\s+(?:us\s+)?(?:for|to))\b/gi)) {
    const requested = requestedRight(s.slice(m.index! + m[0].length, m.index! + m[0].length + 80));
    if (!requested || out.slice(firstOfSentence).some(st => st.requested === requested)) continue;
    const start = sentence.span.start + m.index!;
    out.push(rightStatement(sentence, { start, end: start + m[0].length }, requested, false));
  }
  RIGHT_NOUN_RE.lastIndex = 0;
  for (let m = RIGHT_NOUN_RE.exec(s); m; m = RIGHT_NOUN_RE.exec(s)) {
    const key = m[1].toLowerCase().replace(/\s+/g, ' ');
    const requested = RIGHT_NOUNS[key] ?? (key.startsWith('restrict') ? 'restrict' : key.startsWith('opt') ? 'opt-out' : key.startsWith('withdraw') ? 'withdraw-consent' : undefined);
    if (!requested) continue;
    const start = sentence.span.start + m.index;
    const end = start + m[0].length;
    // Already read from its verb ("the right to request access", "the right to access, correct …").
    if (out.slice(firstOfSentence).some(st => st.requested === requested)) continue;
    out.push(rightStatement(sentence, { start, end }, requested, /\b(?:no|not)\s+(?:\w+\s+){0,2}$/i.test(s.slice(Math.max(0, m.index - 30), m.index))));
  }
}

function rightStatement(sentence: Sentence, actionSpan: Span, requested: string, negated: boolean): Statement {
  return { sentence, actor: 'user', action: 'request', actionSpan, dataTypes: [], recipients: [], negated, modality: 'may', exceptions: [], voice: 'active', requested };
}

/** The matches of a global regex inside s[from, to), with offsets into s: the scan never runs past `to`. */
function matchesWithin(re: RegExp, s: string, from: number, to: number): { index: number; 0: string }[] {
  const out: { index: number; 0: string }[] = [];
  if (to <= from) return out;
  const window = s.slice(from, to);
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) {
    out.push({ index: from + m.index, 0: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function trimEnd(s: string, end: number): number {
  while (end > 0 && /[\s,.;:]/.test(s[end - 1])) end--;
  return end;
}
