export * from './key-projects';
export * from './rectification-orders';
export * from './deadlines';
export * from './escalations';
export * from './indicators';
export * from './circulars';
export * from './departments';
export * from './rebuild';
