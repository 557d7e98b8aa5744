export * from './contact-ways.js';
export * from './errors.js';
export * from './files.js';
export * from './limits.js';
export * from './protocol.js';
export * from './schemas.js';
export * from './tags.js';
