export * from './connection.ts';
export * from './database.types.ts';
export * from './migrate.ts';
export * from './repositories/framework.repository.ts';
export * from './schema-introspection.ts';
export * from './seed/framework.seed.ts';
