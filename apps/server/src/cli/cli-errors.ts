/** Input the user got wrong: exit code 1 with a message (CONTRACTS.md "CLI"). */
export class RefusedError extends Error {}
/** The command line itself is wrong: exit code 2. */
export class UsageError extends Error {}
