export * from './lifecycle.ts';
export * from './canonical.ts';
export * from './positions.ts';
export * from './field-versions.ts';
