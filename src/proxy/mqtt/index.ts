export { createMqttHandler } from './handler.js';
export type { MqttPipelineOptions } from './types.js';
export { topicPath, isValueLikeLevel } from './topic.js';
