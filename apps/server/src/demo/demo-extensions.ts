import type { DemoExtension } from './demo-extension.ts';
import { seedSubmissions } from './seed-submissions.ts';
import { seedCommentsExtension } from './seed-comments.ts';
import { seedLibrary } from './seed-library.ts';
import { seedBudgetParts } from './seed-budget-parts.ts';

/**
 * Every demo extension, in the order the seeder runs them: derived data first (budget parts, the
 * solution library), then what the schools and offices exchange (submissions, comments).
 */
export const DEMO_EXTENSIONS: readonly DemoExtension[] = [
  // C: the unit closure, budget parts by source and assessment outcomes (derived data first).
  seedBudgetParts,
  // D: the solution library (after C's budget parts).
  seedLibrary,
  // A: submissions
  seedSubmissions,
  // B: comments
  seedCommentsExtension,
];
