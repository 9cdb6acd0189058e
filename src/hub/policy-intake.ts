import type { Policy } from '../policy/index.js';
import type { HubLog } from './log.js';
import { PolicyCache } from './policy-cache.js';
import { readPolicyFrame } from './policy-frame.js';
import type { HubSettings } from './protocol.js';
import { messageOf } from '../errors.js';

/** Puts a policy in force. Throwing keeps the previous one (and is logged). */
export type ApplyPolicy = (policy: Policy, etag: string, settings: HubSettings | undefined) => void;

/**
 * The policy that comes from Home Assistant: each frame of the subscription is read, applied and then
 * cached on disk, and at start the cached one is applied until Home Assistant answers. A frame that is
 * malformed or that `apply` refuses leaves the policy in force as it was: the last good policy always
 * wins over a bad new one, and nothing is cached that was not applied.
 */
export class PolicyIntake {
  private current: string | undefined;
  private readonly cache: PolicyCache;

  constructor(
    cacheFile: string,
    private readonly apply: ApplyPolicy,
    private readonly log: HubLog,
    /** Called for each frame that was ignored as malformed (counted in the hub's status). */
    private readonly onMalformed: () => void,
  ) {
    this.cache = new PolicyCache(cacheFile);
  }

  /** The etag of the policy in force from Home Assistant (live or cached), if any. */
  get etag(): string | undefined {
    return this.current;
  }

  /** One frame of `subscribe_policy`; true when a new policy was put in force. */
  onFrame(event: unknown): boolean {
    const frame = readPolicyFrame(event);
    if (frame.kind === 'malformed') {
      this.onMalformed();
      this.log('warn', `ignored a policy frame from Home Assistant: ${frame.reason}; the policy in force stays`);
      return false;
    }
    if (frame.etag === this.current) return false;
    try {
      this.apply(frame.policy, frame.etag, frame.settings);
    } catch (error) {
      this.log('error', `policy ${frame.etag} could not be applied: ${messageOf(error)}`);
      return false;
    }
    this.current = frame.etag;
    const { mode, devices } = frame.policy;
    this.log('info', `applied policy ${frame.etag} from Home Assistant (mode ${mode}, ${devices.length} device(s))`);
    try {
      this.cache.save({ etag: frame.etag, policy: frame.document, settings: frame.settings });
    } catch (error) {
      this.log('warn', `could not cache the policy on disk: ${messageOf(error)}`);
    }
    return true;
  }

  /** At start: the cached policy is enforced until Home Assistant sends one. */
  loadCached(): void {
    const loaded = this.cache.load();
    if (loaded.kind === 'invalid') {
      this.log('warn', `ignoring the cached Home Assistant policy: ${loaded.error.message}`);
    } else if (loaded.kind === 'loaded') {
      const { cached } = loaded;
      try {
        this.apply(cached.policy, cached.etag, cached.settings);
        this.current = cached.etag;
        this.log('info', `enforcing the cached Home Assistant policy ${cached.etag} until Home Assistant answers`);
      } catch (error) {
        this.log('error', `the cached policy could not be applied: ${messageOf(error)}`);
      }
    }
  }
}

