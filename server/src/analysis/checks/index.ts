// The checks the engine runs, in order: requirements first (later checks may
// read their outcomes), then conflicts, risks and hygiene.
import type { Check } from '../check';
import { conflictsCheck } from './conflicts';
import { hygieneCheck } from './hygiene';
import { patternHygieneCheck } from './patternHygiene';
import { requirementsCheck } from './requirements';
import { risksCheck } from './risks';

export const CHECKS: Check[] = [requirementsCheck, conflictsCheck, risksCheck, patternHygieneCheck, hygieneCheck];
