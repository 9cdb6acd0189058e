export { createRequestHandler } from './handler.js';
