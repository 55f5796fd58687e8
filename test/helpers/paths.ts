import * as path from 'path';

/** The repository root, from out/test/helpers or test/helpers. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const fixture = (name: string) => path.join(FIXTURES, name);
