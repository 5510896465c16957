export * from './frameworks/framework.types.ts';
export * from './frameworks/catalogue.ts';
export * from './text/fold.ts';
