export * from './frameworks/framework.types.ts';
export * from './frameworks/catalogue.ts';
export * from './text/fold.ts';
export * from './access/access.types.ts';
export * from './access/policy.ts';
export * from './access/password-policy.ts';
export * from './directory/directory.types.ts';
