import type { MessagePipelineOptions } from '../messages/index.js';

export type WebSocketPipelineOptions = MessagePipelineOptions;
