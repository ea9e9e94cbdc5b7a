export * from './auth.types';
export * from './auth.guard';
export * from './auth.module';
export * from './jwt-secret';
export * from './token-verifier';
export * from './session';
