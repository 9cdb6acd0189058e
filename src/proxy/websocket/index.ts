export { createUpgradeHandler } from './handler.js';
export type { WebSocketPipelineOptions } from './types.js';
