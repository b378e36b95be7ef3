export * from './audit-report.markdown';
