import type { UpgradeHandler } from './contracts.js';
import { endSocketWithJson } from './transport/responses.js';
import type { WebSocketPipelineOptions } from './websocket/index.js';

/**
 * The WebSocket pipeline (the `ws` package, the handshake and the relay) is loaded on the first upgrade a
 * device asks for, not at start: a home whose devices never upgrade does not keep its code and module
 * sources in memory (0.4 MB less live V8 heap at idle in the benchmark's memory cell, by heap snapshot, where
 * the Home Assistant link is off; with it on, `ws` itself is loaded by the hub anyway). The first upgrade
 * waits for the import (a few ms); Node leaves an upgraded socket paused, so nothing the device sends
 * meanwhile is lost, and the handler already copes with a socket that closed while it waited (it waits for
 * the destination guard too).
 */
export function upgradeOnDemand(options: WebSocketPipelineOptions): UpgradeHandler {
  let loading: Promise<UpgradeHandler> | undefined;
  return (req, socket, head, ctx) => {
    loading ??= import('./websocket/index.js').then(({ createUpgradeHandler }) => createUpgradeHandler(options));
    loading.then(
      (upgrade) => upgrade(req, socket, head, ctx),
      (error: unknown) => {
        // Only a broken installation gets here (the module ships in the same package): said, never relayed.
        options.log.error('the WebSocket pipeline could not be loaded', { error: String(error) });
        endSocketWithJson(socket, 500, {
          error: { code: 'INTERNAL_ERROR', message: 'Privacy Gateway could not load its WebSocket pipeline; see its log.' },
        });
      },
    );
  };
}
