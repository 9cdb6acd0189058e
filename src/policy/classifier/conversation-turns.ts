import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `conversation-turn`: a turn of a conversation with a voice assistant or agent, written as chat message
 * formats write it (`{role: "user", content: "…"}`: the role/content pairs of LLM chat APIs, voice agents'
 * conversation and history events, schema.org Message's `sender` role). A turn whose role is the person
 * (`user`, `human`, `customer`, `caller`) holds what they said: media (a transcript) and behaviour (what
 * they asked). The assistant's and the system's turns are not the person's words and are left alone.
 */
export const CONVERSATION_TURN = 'conversation-turn';

export const conversationTurnExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CONVERSATION_TURN]: (f) => `the "${f.facts.key}" of a conversation turn whose "${f.facts.sibling}" is the person speaking → media, behaviour (what somebody said)`,
};

const ROLE_KEYS = new Set(['role', 'speaker role', 'sender role', 'author role', 'from role', 'participant role']);
const CONTENT_KEYS = new Set(['content', 'text', 'message', 'utterance', 'transcript']);
/** The person's side of a chat (roles of chat formats and contact-centre transcripts). */
const PERSON_ROLES = new Set(['user', 'human', 'customer', 'caller', 'end user', 'enduser', 'speaker']);
const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];
/** Letters, at least one space or question mark: words, not a code or an id. */
const WORDS = /\p{L}.*[\s?!.]|[\s?!.].*\p{L}/u;
const MAX_ROLE_LENGTH = 32;

const keyWords = new BoundedMemo<string>(5_000, 256);
const wordsOf = (raw: string) => keyWords.get(raw, () => readKey(raw, false).words.join(' '));

interface Turn {
  readonly roles: readonly number[];
  readonly contents: readonly number[];
}

/** Plan: records with a role and a content key, both texts. */
export function planConversationTurns(fields: readonly ShapeField[]): Turn[] | undefined {
  let records: Map<string, { roles: number[]; contents: number[] }> | undefined;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind !== 'string') return;
    const words = wordsOf(k);
    const role = ROLE_KEYS.has(words);
    if (!role && !CONTENT_KEYS.has(words)) return;
    records ??= new Map();
    const parent = prefixKey(field, -1);
    const record = records.get(parent) ?? { roles: [], contents: [] };
    records.set(parent, record);
    (role ? record.roles : record.contents).push(index);
  });
  if (records === undefined) return undefined;
  const turns = [...records.values()].filter((r) => r.roles.length > 0 && r.contents.length > 0);
  return turns.length === 0 ? undefined : turns;
}

const findings = new BoundedMemo<Finding>(1_000, 256);
export function detectConversationTurns(plan: readonly Turn[], fields: readonly PayloadField[], add: Add): void {
  for (const turn of plan) {
    let sibling: string | undefined;
    for (const index of turn.roles) {
      const field = fields[index];
      const k = field === undefined ? undefined : lastKey(field);
      if (typeof field?.value !== 'string' || typeof k !== 'string' || field.value.length > MAX_ROLE_LENGTH) continue;
      if (PERSON_ROLES.has(field.value.toLowerCase().replace(/[_-]+/g, ' '))) sibling = wordsOf(k);
    }
    if (sibling === undefined) continue;
    for (const index of turn.contents) {
      const field = fields[index];
      const k = field === undefined ? undefined : lastKey(field);
      if (typeof field?.value !== 'string' || typeof k !== 'string' || !WORDS.test(field.value)) continue;
      const key = wordsOf(k);
      add(index, findings.get(`${sibling}\u0000${key}`, () => finding(CONVERSATION_TURN, 'strong', ['media', 'behaviour'], { of: 'structure', sibling: sibling ?? 'role', key })));
    }
  }
}
