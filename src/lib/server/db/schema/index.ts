export * from './auth';
export * from './services';
export * from './forms';
export * from './channels';
export * from './audit';
export * from './outbox';
export * from './booking';
export * from './reporting';
