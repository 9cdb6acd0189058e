export { judgeMessage, type Judgement, type Message } from './judge.js';
export { NO_FINGERPRINTS, observedOnly } from './observed.js';
export type { MessagePipelineOptions } from './types.js';
export { HeldOutput } from './held.js';
