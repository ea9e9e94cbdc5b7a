export * from './indicator.commands';
export * from './indicator.decider';
export * from './indicator.definition';
export * from './indicator.events';
export * from './indicator.periods';
export * from './indicator.state';
export * from './indicator.status';
