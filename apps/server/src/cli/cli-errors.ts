import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Input the user got wrong: exit code 1 with a message (CONTRACTS.md "CLI"). */
export class RefusedError extends Error {}
/** The command line itself is wrong: exit code 2. */
export class UsageError extends Error {}

/** `parseArgs` (strict by default) whose complaints are usage errors (exit 2). */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
