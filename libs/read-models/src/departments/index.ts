export * from './department-stats.query';
