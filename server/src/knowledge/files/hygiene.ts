import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, num, obj, optArr, regex, str } from '../schema';
import { ruleHeaderFields, type RuleHeader } from './ruleHeader';

/** A hygiene rule that flags text matching patterns (an existence rule, in Vale's terms). */
export interface PatternRule extends RuleHeader {
  message: string;
  patterns: string[];
  /** Matched case-sensitively (all-capital placeholders). */
  exactCasePatterns?: string[];
  /** Matches of these are never flagged (e.g. a bracketed citation). */
  ignore?: string[];
}

export interface MojibakeRule extends RuleHeader {
  /** `{text}`: the mis-decoded characters; `{repair}`: what they stood for. */
  message: string;
  /** For characters whose original cannot be recovered with certainty. */
  ambiguousMessage: string;
  fixTitle: string;
  guessFixTitle: string;
  /** A lone "â" at a word edge counts only when the document has at least this many. */
  minDroppedForms: number;
}

export interface BrokenReferenceRule extends RuleHeader {
  messages: {
    /** `{reference}` the words of the reference, `{target}` the number or name. */
    missingNumber: string;
    missingName: string;
    /** `{title}` the section referred to, `{topic}` what the sentence is about. */
    offTopic: string;
    /** `{direction}` above/below as written, `{actual}` where the section is. */
    wrongDirection: string;
    /** `{where}` top/bottom. */
    missingDate: string;
  };
  /** Sentences that point at a date somewhere in the document; group 1 is top/bottom/beginning/end. */
  datePointers: string[];
}

export interface UndefinedTermRule extends RuleHeader {
  messages: {
    /** `{term}` */
    promisedNotDefined: string;
    definedTwice: string;
  };
  /** A term announced as defined elsewhere; group 1 is the term. */
  promisedDefinition: string[];
  /** Parenthesised definitions ("(the “Site”)"); group 1 is the term. */
  definitions: string[];
  /** Sentences that hand undefined terms to another document ("Capitalised terms not defined here …"). */
  definedElsewhere: string[];
}

export interface HygieneKnowledge {
  patternRules: PatternRule[];
  mojibake?: MojibakeRule;
  brokenReference?: BrokenReferenceRule;
  undefinedTerm?: UndefinedTermRule;
}

const header = ruleHeaderFields;

export const hygieneFile: KnowledgeFile<HygieneKnowledge> = {
  file: 'hygiene.yaml',
  schema: obj({
    patternRules: arr(
      obj({
        ...ruleHeaderFields,
        message: str(),
        patterns: arr(regex, 1),
        exactCasePatterns: optArr(regex),
        ignore: optArr(regex),
      }),
    ),
    mojibake: { ...obj({ ...header, message: str(), ambiguousMessage: str(), fixTitle: str(), guessFixTitle: str(), minDroppedForms: num }), optional: true },
    brokenReference: {
      ...obj({
        ...header,
        messages: obj({ missingNumber: str(), missingName: str(), offTopic: str(), wrongDirection: str(), missingDate: str() }),
        datePointers: arr(regex, 1),
      }),
      optional: true,
    },
    undefinedTerm: {
      ...obj({ ...header, messages: obj({ promisedNotDefined: str(), definedTwice: str() }), promisedDefinition: arr(regex, 1), definitions: arr(regex), definedElsewhere: arr(regex) }),
      optional: true,
    },
  }),
  check: k => duplicateIds([...k.patternRules, ...([k.mojibake, k.brokenReference, k.undefinedTerm].filter(r => r !== undefined) as RuleHeader[])], ['patternRules']),
};
