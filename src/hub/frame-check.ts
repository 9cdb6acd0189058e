/**
 * Checks each frame Home Assistant sends after auth against what the sidecar asked for, so that a frame
 * answering nothing (a result or pong for a command never sent, an event for no subscription, an unknown
 * type, auth frames mid-session) is refused with a reason instead of being dropped silently by the library
 * (issue 8: hostile frames get a clear error and change nothing).
 */

const MAX_TRACKED = 1024;
const REPLY_TYPES = new Set(['result', 'pong', 'event']);

interface Issued {
  readonly type: string;
  answered: boolean;
}

export class FrameCheck {
  /** Commands the sidecar sent on this connection, by id (oldest dropped past MAX_TRACKED). */
  private readonly issued = new Map<number, Issued>();

  /** Notes an outgoing frame (the library's `{id, type, …}`). */
  sent(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(frame) || !Number.isSafeInteger(frame.id) || typeof frame.type !== 'string') return;
    if (this.issued.size >= MAX_TRACKED) {
      const oldest = this.issued.keys().next();
      if (oldest.done !== true) this.issued.delete(oldest.value);
    }
    this.issued.set(frame.id as number, { type: frame.type, answered: false });
  }

  /** Why an incoming message (one object of a frame) answers nothing asked; undefined when it is fine. */
  problem(message: Record<string, unknown>): string | undefined {
    const { type, id } = message;
    if (typeof type !== 'string') return 'a frame without a type';
    if (!REPLY_TYPES.has(type)) return `a frame of unknown type ${JSON.stringify(type.slice(0, 40))}`;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return `a ${type} frame without a numeric id`;
    const command = this.issued.get(id);
    if (command === undefined) return `a ${type} frame for command ${id}, which the sidecar never sent`;
    if (type === 'event') {
      return command.type.includes('subscribe') ? undefined : `an event for command ${id}, which is no subscription`;
    }
    if (type === 'pong' && command.type !== 'ping') return `a pong for command ${id}, which is no ping`;
    // A subscription's first result confirms it; any second answer to one command is stray.
    if (command.answered) return `a second ${type} for command ${id}`;
    command.answered = true;
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
