/**
 * The Node flags the language server runs with: the VS Code client starts it
 * with them, and the tests and benchmarks start it the same way, so they
 * measure what VS Code runs. Other editors can pass them too (README).
 *
 * V8's defaults favour speed over memory: the young generation grows to
 * 16 MB a half, and the heap may double before a full collection. After a
 * 3 MB policy the server's resident memory then climbed edit after edit to
 * ~340 MB before a collection brought it down; with these two it stays near
 * 140 MB, while re-analysis after an edit stays within the noise of the
 * benchmark (`npm run bench`).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=25'];
