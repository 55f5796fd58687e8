// How many cases each property runs, and with which seed. `npm test` runs a
// fixed seed and a bounded number of cases, so a failure reproduces; `npm run
// fuzz` (scripts/fuzz.mjs) sets CLAUSEWISE_FUZZ_RUNS and a random seed and
// prints both.
import type { Parameters } from 'fast-check';

const FIXED_SEED = 20261122;

const envSeed = Number(process.env.CLAUSEWISE_FUZZ_SEED);
export const SEED = Number.isFinite(envSeed) && process.env.CLAUSEWISE_FUZZ_SEED ? envSeed : FIXED_SEED;

/** Multiplies every property's case count (1 in `npm test`). */
const envScale = Number(process.env.CLAUSEWISE_FUZZ_SCALE);
export const SCALE = Number.isFinite(envScale) && envScale > 0 ? envScale : 1;

export const FUZZING = SCALE > 1;

/** fast-check parameters for a property with `runs` cases in `npm test`. */
export function runs<T>(runs: number): Parameters<T> {
  return { numRuns: Math.max(1, Math.round(runs * SCALE)), seed: SEED, endOnFailure: true };
}

/** A mocha timeout that grows with the case count when fuzzing. */
export function timeoutFor(ms: number): number {
  return Math.round(ms * Math.max(1, SCALE));
}
