export * from './errors.ts';
export * from './frameworks.schemas.ts';
export * from './health.schemas.ts';
export * from './routes.ts';
