export * from './key-projects';
export * from './rectification-orders';
