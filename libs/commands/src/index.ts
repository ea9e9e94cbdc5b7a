export * from './aggregates';
export * from './command-errors';
export * from './command-executor';
export * from './commands.module';
export * from './keyed-mutex';
export * from './state-cache';
