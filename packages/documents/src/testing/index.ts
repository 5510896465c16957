/** Test and bench support (not for production code): seed and sample plans. */
export * from './sample-plans.ts';
export * from './seed-plans.ts';
export * from './seeded-random.ts';
export * from './large-plan-docx.ts';
export * from './sample-assessments.ts';
export * from './legacy-office-files.ts';
