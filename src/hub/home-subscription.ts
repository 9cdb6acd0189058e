import { ERR_CONNECTION_LOST, type Connection } from 'home-assistant-js-websocket';
import type { HomeKnowledgeStore } from './home-knowledge.js';
import type { HubLog } from './log.js';
import { COMMANDS, describeHaError, haErrorCode } from './protocol.js';

/**
 * The subscribe_home subscription of one connection: every frame goes through the store's schema; the
 * log gets the etag and counts, never a value. Home knowledge is optional: without it (an integration
 * older than the command) the classifier works on the payload alone.
 */
export async function subscribeHome(
  connection: Connection,
  store: HomeKnowledgeStore,
  log: HubLog,
  options: { readonly onMalformed: () => void; readonly current: () => boolean },
): Promise<void> {
  const onFrame = (event: unknown): void => {
    const result = store.accept(event);
    if (result.kind === 'malformed') {
      options.onMalformed();
      log('warn', `ignored a home knowledge frame from Home Assistant: ${result.reason}; the previous knowledge stays`);
    } else if (result.kind === 'applied') {
      const { zone, persons, devices } = store.summary();
      const where = zone ? 'the home zone' : 'no home zone';
      log('info', `home knowledge ${result.etag} from Home Assistant: ${where}, ${persons} person(s), ${devices} device(s)`);
    }
  };
  try {
    await connection.subscribeMessage(onFrame, { type: COMMANDS.subscribeHome }, { resubscribe: false });
  } catch (error) {
    if (!options.current() || error === ERR_CONNECTION_LOST) return;
    const older = haErrorCode(error) === 'unknown_command' ? '; update the Privacy Gateway integration to share it' : '';
    log('warn', `Home Assistant shares no home knowledge (${describeHaError(error)})${older}`);
  }
}
