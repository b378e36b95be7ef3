export * from './given-when-then';
export * from './journey.fixtures';
export * from './journey.invariants';
export * from './reporting.fixtures';
export * from './site.fixtures';
