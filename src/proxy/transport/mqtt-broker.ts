import { destinationListsScheme, type CompiledPolicy } from '../../policy/index.js';
import type { Authority } from './addresses.js';
import type { SteeredNameSource } from './types.js';

/** MQTT's registered port: where a broker found by its steered name is reached. */
export const MQTT_PORT = 1883;
/** MQTT over TLS's registered port. */
export const MQTTS_PORT = 8883;

/** Where an MQTT connection that names no broker goes, and a sentence saying why (it joins the decision's explanation). */
export interface SteeredBroker extends Authority {
  readonly how: 'steered' | 'upstream';
  readonly why: string;
}

/**
 * Plain MQTT names no destination, and neither does MQTT over TLS from a client that sends no SNI (some
 * embedded TLS stacks never do), so the broker is recovered from the gateway's own DNS answers:
 *  1. the newest name steered to this client whose policy destination lists the scheme (`mqtt` or
 *     `mqtts`: the owner said "this host is a broker");
 *  2. else `--mqtt-upstream` (explicit bridge mode: a device configured with the gateway as its broker);
 *  3. else the newest name steered to this client at all (a destination named for every scheme);
 *  4. else none: the listener refuses and records why, never guessing further.
 * Step 1 before 2 because a steered MQTT name is evidence about this very device, the upstream a
 * default for all; step 2 before 3 because a device also resolves its HTTPS hosts, which are no brokers.
 * When other names were live, the explanation lists them, so an owner can see an ambiguous pick.
 */
export function steeredMqttBroker(
  policy: CompiledPolicy,
  clientAddress: string,
  steered: SteeredNameSource | undefined,
  upstream: Authority | undefined,
  now: number,
  scheme: 'mqtt' | 'mqtts' = 'mqtt',
): SteeredBroker | undefined {
  const port = scheme === 'mqtt' ? MQTT_PORT : MQTTS_PORT;
  const live = steered?.lastFor(clientAddress, now) ?? [];
  const names = live.map((entry) => entry.name);
  const brokers = names.filter((name) => destinationListsScheme(policy, { clientAddress, scheme, host: name, port }));
  const others = (picked: string): string => {
    const rest = names.filter((name) => name !== picked);
    return rest.length === 0 ? '' : ` (also steered to this client recently: ${rest.join(', ')})`;
  };
  const [broker] = brokers;
  if (broker !== undefined) {
    const rule = brokers.length > 1 ? `the newest of the names the policy lists for ${scheme}` : `a name the policy lists for ${scheme}`;
    return { host: broker, port, how: 'steered', why: `broker ${broker} found from the gateway's DNS answer: ${rule}${others(broker)}` };
  }
  if (upstream !== undefined) {
    const ignored = names.length === 0 ? '' : ` (no name steered to this client is listed for ${scheme}: ${names.join(', ')})`;
    // Over TLS the upstream's host is dialled on MQTT over TLS's port, as a named broker would be.
    const target = scheme === 'mqtt' ? upstream : { host: upstream.host, port };
    return { ...target, how: 'upstream', why: `broker ${target.host}:${target.port} from --mqtt-upstream${ignored}` };
  }
  const [newest] = names;
  if (newest === undefined) return undefined;
  return { host: newest, port, how: 'steered', why: `broker ${newest} found from the gateway's DNS answer: the newest name steered to this client${others(newest)}` };
}
