export * from './monitoring.types.ts';
export * from './school-clock.ts';
export * from './row-schedule.ts';
export * from './dashboard.ts';
export * from './monitor.ts';
export * from './review-rounds.ts';
export * from './reminders.ts';
export * from './plan-rollup-summary.ts';
