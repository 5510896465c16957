export * from './assessment.types.ts';
