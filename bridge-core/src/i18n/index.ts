export * from './messages.js';
export { render, renderOperation, catalog } from './render.js';
