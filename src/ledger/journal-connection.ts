import type { ConnectionDecision } from '../policy/index.js';

/**
 * The connection part of each journal line (device, destination, mode, verdict, explanation), made once
 * and reused while it stays the same. The plain proxy decides each request anew (a fresh decision object
 * every time), so the part is found by comparing what it is made of, a dozen values that are mostly the
 * very same strings, instead of serialising it per record. Bounded: 8 per device, 1,024 devices (then
 * forgotten and made again).
 */
const PER_DEVICE = 8;
const MAX_DEVICES = 1024;

interface Part {
  readonly connection: ConnectionDecision;
  readonly json: string;
}

export class ConnectionParts {
  private readonly byDevice = new Map<string, Part[]>();

  constructor(private readonly make: (connection: ConnectionDecision) => string) {}

  json(connection: ConnectionDecision): string {
    const id = connection.device.id;
    let parts = this.byDevice.get(id);
    if (parts !== undefined) {
      for (const part of parts) if (sameWritten(part.connection, connection)) return part.json;
    }
    const json = this.make(connection);
    if (parts === undefined) {
      if (this.byDevice.size >= MAX_DEVICES) this.byDevice.clear();
      parts = [];
      this.byDevice.set(id, parts);
    }
    // A copy of what is compared, not the decision: it carries the client's address and the conditions.
    parts.unshift({ connection: written(connection), json });
    if (parts.length > PER_DEVICE) parts.pop();
    return json;
  }
}

function written(c: ConnectionDecision): ConnectionDecision {
  return {
    device: { ...c.device },
    client: { address: '', mac: undefined },
    mode: c.mode,
    destination: { ...c.destination },
    verdict: c.verdict,
    verifyUpstream: c.verifyUpstream,
    onUninspectable: c.onUninspectable,
    wouldBlock: c.wouldBlock,
    explanation: { ruleId: c.explanation.ruleId, reason: c.explanation.reason, blockedBy: c.explanation.blockedBy, field: c.explanation.field },
  };
}

/** True when the journal writes both alike (journal-entry.ts, connectionJson). */
function sameWritten(a: ConnectionDecision, b: ConnectionDecision): boolean {
  const [x, y] = [a.destination, b.destination];
  const [e, f] = [a.explanation, b.explanation];
  return (
    a.device.id === b.device.id &&
    a.device.name === b.device.name &&
    a.device.isDefault === b.device.isDefault &&
    x.host === y.host &&
    x.port === y.port &&
    x.scheme === y.scheme &&
    x.vendor === y.vendor &&
    a.mode === b.mode &&
    a.verdict === b.verdict &&
    a.wouldBlock === b.wouldBlock &&
    e.ruleId === f.ruleId &&
    e.reason === f.reason &&
    e.blockedBy === f.blockedBy &&
    e.field === f.field
  );
}
