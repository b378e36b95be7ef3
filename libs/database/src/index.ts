export * from './embedded-postgres';
export * from './migrations';
export * from './pool';
export * from './copy-text';
export * from './read-snapshot';
export * from './statements';
