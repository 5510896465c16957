import { z } from 'zod';

// Validation messages in Vietnamese, for the server's 400s and the web forms alike.
z.config(z.locales.vi());

export * from './audit.schemas.ts';
export * from './auth.schemas.ts';
export * from './common.schemas.ts';
export * from './errors.ts';
export * from './frameworks.schemas.ts';
export * from './health.schemas.ts';
export * from './media-types.ts';
export * from './people.schemas.ts';
export * from './route-paths.ts';
export * from './routes.ts';
export * from './text.ts';
export * from './units.schemas.ts';
export * from './users.schemas.ts';
export * from './plans.schemas.ts';
export * from './interchange.schemas.ts';
export * from './plan-import.schemas.ts';
export * from './assessments.schemas.ts';
export * from './assessment-interchange.schemas.ts';
export * from './evidence.schemas.ts';
export * from './assessment-documents.schemas.ts';
export * from './monitoring.schemas.ts';
export * from './submissions.schemas.ts';
export * from './comments.schemas.ts';
export * from './public-disclosure.schemas.ts';
export * from './solution-library.schemas.ts';
export * from './rollup.schemas.ts';
export * from './personal-data.schemas.ts';
export * from './jobs.schemas.ts';
