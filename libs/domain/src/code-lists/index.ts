export * from './code-list.types';
export * from './code-list.registry';
export * from './referral.code-lists';
export * from './support.code-lists';
export * from './sharing.code-lists';
export * from './outcome.code-lists';
