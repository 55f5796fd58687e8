import type { Feature } from './features';

/**
 * Re-checks open policies when a `.clausewise.yaml` is created, changed or
 * deleted (the client watches those files and forwards the events).
 */
export const configWatchFeature: Feature = {
  register({ connection, state, recheck }) {
    connection.onDidChangeWatchedFiles(() => {
      state.invalidateAll();
      recheck();
    });
  },
};
