export * from './audit-findings';
export * from './audit-report.markdown';
export * from './participant-trace';
