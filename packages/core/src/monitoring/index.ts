export * from './monitoring.types.ts';
export * from './school-clock.ts';
export * from './row-schedule.ts';
export * from './reminders.ts';
export * from './dashboard.ts';
