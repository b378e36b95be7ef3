export * from './principal';
export * from './tokens';
