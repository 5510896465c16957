import type { DemoExtension } from './demo-extension.ts';
import { seedSubmissions } from './seed-submissions.ts';
import { seedCommentsExtension } from './seed-comments.ts';

/**
 * Every demo extension, in the order the seeder runs them: derived data first (budget parts, the
 * solution library), then what the schools and offices exchange (submissions, comments).
 */
export const DEMO_EXTENSIONS: readonly DemoExtension[] = [
  // A: submissions
  seedSubmissions,
  // B comments (issue 14)
  seedCommentsExtension,
];
