export * from './projection-rebuilder';
export * from './read-model-handlers';
