export * from './build-app.ts';
export * from './bootstrap.ts';
export * from './clock.ts';
export * from './config.ts';
export * from './errors.ts';
export * from './testing/start-test-server.ts';
