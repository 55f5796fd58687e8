// The checks the engine runs, in order: requirements first (later checks may
// read their outcomes), then conflicts, risks and hygiene.
import type { Check } from '../check';
import { patternHygieneCheck } from './patternHygiene';

export const CHECKS: Check[] = [patternHygieneCheck];
