// Test support: a parse worker that misbehaves on demand (parse-pool.test.ts), chosen by the first
// byte of the upload: 1 loops forever, 2 throws an AppError-like error, 3 throws a plain error,
// 4 allocates until its heap limit, 5 exits; anything else answers `{ ok: true, echo }`. A
// renderPlan job picks its behaviour by `input.mode` the same way.
import { setTimeout } from 'node:timers';
import { parentPort } from 'node:worker_threads';

const port = parentPort;
port.on('message', ({ id, job }) => {
  const mode = job.task === 'renderPlan' ? job.input.mode : job.bytes[0];
  if (mode === 1) for (;;);
  if (mode === 2) {
    port.postMessage({
      id,
      ok: false,
      error: {
        name: 'AppError',
        code: 'CONFLICT',
        message: 'Xung đột thử nghiệm.',
        details: { n: 1 },
      },
    });
    return;
  }
  if (mode === 3) {
    port.postMessage({ id, ok: false, error: { name: 'TypeError', message: 'boom' } });
    return;
  }
  if (mode === 4) {
    const hoard = [];
    for (;;) hoard.push(new Array(100_000).fill({ mode }));
  }
  if (mode === 5) process.exit(3);
  setTimeout(
    () => port.postMessage({ id, ok: true, result: { ok: true, echo: job.bytes[1] } }),
    20,
  );
});
