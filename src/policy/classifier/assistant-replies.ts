import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `assistant-reply`: what a voice assistant answers or a speech engine is set to say (`fulfillment.speech`,
 * `fulfillment.messages[*].speech`: Dialogflow's and Actions on Google's fulfilment; `tts.voice`, `ttss[*]
 * .parameters.voice`: a text-to-speech engine's voice) is the service's words and settings, not a recording or
 * transcript of somebody (docs/CORPUS.md: media are voice transcripts and recognised speech; the thirteenth
 * round read an assistant's reply as no speech). The speech words otherwise name media; under a fulfilment or a
 * text-to-speech record they veto media and behaviour. Reads only keys: memoised by key and ancestors.
 */
export const ASSISTANT_REPLY = 'assistant-reply';

export const assistantReplyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ASSISTANT_REPLY]: (f) =>
    `inside "${f.facts.container}": what an assistant answers or a speech engine says (not media)`,
};

const SPEECH_WORDS = new Set(['speech', 'voice', 'utterance', 'ssml', 'display text']);
/** Records of what the service says: a fulfilment (Dialogflow, Actions on Google) and text-to-speech engines. */
const REPLY_CONTAINERS = new Set(['fulfillment', 'fulfilment', 'tts', 'ttss', 'text to speech']);

const memo = new BoundedMemo<Finding | null>(5_000, 256);

export function detectAssistantReply(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  if (!key.words.some((w) => SPEECH_WORDS.has(w)) || ancestors.length === 0) return undefined;
  return memo.get(`${ancestors.map((a) => a.raw).join('\u0000')}\u0000${key.raw}`, () => {
    const container = ancestors.find((a) => a.words.some((w) => REPLY_CONTAINERS.has(w)) ||
      REPLY_CONTAINERS.has(a.words.join(' ')));
    if (container === undefined) return null;
    return finding(ASSISTANT_REPLY, 'veto', ['media', 'behaviour'], { of: 'key', container: container.raw });
  }) ?? undefined;
}
