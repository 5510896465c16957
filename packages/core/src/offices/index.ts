export * from './offices.types.ts';
