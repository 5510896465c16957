import type { DemoExtension } from './demo-extension.ts';
import { seedBudgetParts } from './seed-budget-parts.ts';

/**
 * Every demo extension, in the order the seeder runs them: derived data first (budget parts, the
 * solution library), then what the schools and offices exchange (submissions, comments).
 */
export const DEMO_EXTENSIONS: readonly DemoExtension[] = [seedBudgetParts];
