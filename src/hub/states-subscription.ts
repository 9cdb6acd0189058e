import { ERR_CONNECTION_LOST, type Connection } from 'home-assistant-js-websocket';
import type { HomeStateCache } from './home-states.js';
import type { HubLog } from './log.js';
import { COMMANDS, describeHaError, haErrorCode } from './protocol.js';
import { messageOf } from '../errors.js';

/**
 * The subscribe_states subscription of one connection: every frame goes through the cache's schema; the
 * log names the entities that changed (entity ids are the owner's policy, not personal values).
 */
export async function subscribeStates(
  connection: Connection,
  cache: HomeStateCache,
  log: HubLog,
  options: { readonly onMalformed: () => void; readonly current: () => boolean },
): Promise<void> {
  const onFrame = (event: unknown): void => {
    if (!options.current()) return;
    let result;
    try {
      result = cache.accept(event);
    } catch (error) {
      // The states are in force in memory; only the copy on disk failed.
      log('warn', `could not write the Home Assistant states to disk: ${messageOf(error)}`);
      return;
    }
    if (result.kind === 'malformed') {
      options.onMalformed();
      log('warn', `ignored a states frame from Home Assistant: ${result.reason}; the last known states stay`);
    } else if (result.changed.length > 0) {
      log('info', `Home Assistant states for the policy's conditions: ${result.entities} entity(ies), changed ${result.changed.join(', ')}`);
    }
  };
  try {
    await connection.subscribeMessage(onFrame, { type: COMMANDS.subscribeStates }, { resubscribe: false });
  } catch (error) {
    if (!options.current() || error === ERR_CONNECTION_LOST) return;
    const older = haErrorCode(error) === 'unknown_command' ? '; update the Privacy Gateway integration for rules that follow the home' : '';
    log('warn', `Home Assistant pushes no states (${describeHaError(error)})${older}; conditions keep the last known states`);
  }
}
