export * from './columns.ts';
export * from './agencies.ts';
export * from './designations.ts';
export * from './control-list.ts';
export * from './threat-library.ts';
export * from './idempotency.ts';
export * from './agreements.ts';
export * from './imports.ts';
