import { parentPort } from 'node:worker_threads';
import {
  runParseJob,
  type ParseAnswer,
  type ParseJob,
  type SerializedError,
} from './document-parsers.ts';

/**
 * A parse worker (started by parse-pool.ts through parse-worker.mjs): runs one job at a time and
 * answers with its result, or with the error it threw, as plain data.
 */

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, details } = error as { code?: unknown; details?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(details !== undefined ? { details } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** The whole-buffer byte arrays of a result's own fields: handed over, not copied. */
function transferables(result: unknown): ArrayBuffer[] {
  if (typeof result !== 'object' || result === null) return [];
  return Object.values(result).flatMap((value) =>
    value instanceof Uint8Array &&
    value.buffer instanceof ArrayBuffer &&
    value.byteOffset === 0 &&
    value.byteLength === value.buffer.byteLength
      ? [value.buffer]
      : [],
  );
}

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

port.on('message', (message: { id: number; job: ParseJob }) => {
  runParseJob(message.job).then(
    (result) =>
      port.postMessage(
        { id: message.id, ok: true, result } satisfies ParseAnswer,
        transferables(result),
      ),
    (error: unknown) => {
      let answer: ParseAnswer = { id: message.id, ok: false, error: serializeError(error) };
      try {
        port.postMessage(answer);
      } catch {
        // Details that cannot be cloned (a function, a socket) are dropped, not the answer.
        answer = { id: message.id, ok: false, error: { ...answer.error, details: undefined } };
        port.postMessage(answer);
      }
    },
  );
});
