export * from './testing/test-database.ts';
export * from './testing/plan-builders.ts';
