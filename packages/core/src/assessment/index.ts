export * from './assessment.types.ts';
export * from './evidence-codes.ts';
export * from './assessment-levels.ts';
export * from './assessment-rules.ts';
