// Entry of a parse worker thread. The server's sources are TypeScript run through tsx, and a worker
// thread does not inherit the loader of its parent (nor does it run under vitest's transform), so
// the worker registers tsx's ESM loader itself and then loads the TypeScript entry — the same
// under `npm start`, `npm run dev` and the tests.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
