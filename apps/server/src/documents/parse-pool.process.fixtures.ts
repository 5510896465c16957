import { createParsePool } from './parse-pool.ts';

/**
 * Run as its own process by parse-pool.test.ts, the way the server runs (`node --import tsx`, as
 * `npm start` does, or the tsx CLI, as `npm run dev` does): a worker must load its TypeScript
 * entry there too. Prints the answer for a file that is not a plan and the workers before and
 * after close; the process must then exit by itself.
 */
const pool = createParsePool();
const answer = await pool.previewPlan(
  { kind: 'file', bytes: new TextEncoder().encode('không phải tệp') },
  {},
);
const workers = pool.stats().workers;
await pool.close();
process.stdout.write(
  JSON.stringify({
    answer: answer.ok ? 'OK' : answer.error.code,
    workers,
    afterClose: pool.stats().workers,
  }) + '\n',
);
