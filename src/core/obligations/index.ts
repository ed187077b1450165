export * from './catalogue.js';
export * from './compute-deadlines.js';
export * from './events.js';
