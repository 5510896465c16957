/**
 * The lifecycle kernel's I/O half (issue 11): versioned write + audit in one transaction, lifecycle
 * transitions decided under the record's lock, SHA-256 seals and their verification, the
 * session-free service context. The pure half is `packages/core/src/lifecycle/`.
 */
export * from './lifecycle.ts';
export * from './seal.ts';
export * from './service-context.ts';
export * from './unique-violation.ts';
export * from './versioned-write.ts';
export * from './detail-cache.ts';
