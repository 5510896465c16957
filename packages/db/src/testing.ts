export * from './testing/test-database.ts';
