import { loadKnowledge, pattern } from '../knowledge/loader';
import { jurisdictionsFile } from '../knowledge/files/jurisdictions';
import type { PolicyDocument } from '../model/types';
import { JURISDICTIONS, type AnalyzeOptions, type Jurisdiction, type JurisdictionSource } from './types';

export interface JurisdictionDecision {
  jurisdictions: Jurisdiction[];
  source: JurisdictionSource;
  /** For detected ones: which words in the text led to each. */
  reasons: { jurisdiction: Jurisdiction; evidence: string }[];
}

const valid = (list: readonly string[]) => list.map(j => j.toLowerCase().trim()).filter((j): j is Jurisdiction => (JURISDICTIONS as readonly string[]).includes(j));

/**
 * Which laws to check against: --jurisdictions, then front matter, then
 * settings / .clausewise.yaml, else what the text itself mentions.
 */
export function decideJurisdictions(doc: PolicyDocument, options: AnalyzeOptions): JurisdictionDecision {
  if (options.jurisdictions?.length) return { jurisdictions: valid(options.jurisdictions), source: 'option', reasons: [] };
  const declared = doc.frontMatter?.declarations.jurisdictions;
  if (declared?.length) return { jurisdictions: valid(declared), source: 'front-matter', reasons: [] };
  if (options.defaultJurisdictions?.length) return { jurisdictions: valid(options.defaultJurisdictions), source: 'config', reasons: [] };

  const knowledge = loadKnowledge(jurisdictionsFile);
  const reasons: JurisdictionDecision['reasons'] = [];
  for (const j of knowledge.jurisdictions) {
    for (const cue of j.detect) {
      const m = pattern(cue).exec(doc.text);
      if (m) {
        reasons.push({ jurisdiction: j.id as Jurisdiction, evidence: m[0] });
        break;
      }
    }
  }
  if (reasons.length === 0) {
    const fallback = valid(knowledge.default);
    return { jurisdictions: fallback, source: 'default', reasons: [] };
  }
  // CalOPPA applies to any commercial site with California users, COPPA
  // whenever children could be users: both follow a US law detected.
  const found = new Set(reasons.map(r => r.jurisdiction));
  return { jurisdictions: JURISDICTIONS.filter(j => found.has(j)), source: 'detected', reasons };
}
