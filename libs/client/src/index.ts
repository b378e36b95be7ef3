export * from './client.types';
export * from './http-transport';
export * from './problem.error';
export * from './workwell.client';
