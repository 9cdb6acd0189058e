import { Pseudonymizer } from '../../policy/index.js';
import type { PipelineDeps, RequestHandler } from '../contracts.js';
import { Exchange } from './exchange.js';
import { inspectExchange } from './inspect.js';

const NO_FINGERPRINTS: ReadonlyMap<string, string> = new Map();

/**
 * The request pipeline for connections already decided by policy. 'inspect' is the normal case; a
 * 'block' or 'tunnel' verdict is honoured too, so a transport that hands every plain-HTTP request here
 * stays correct. The policy is read per request so a reload applies to the next one.
 */
export function createRequestHandler(deps: PipelineDeps): RequestHandler {
  const pseudonymizer = new Pseudonymizer(deps.hashKey);
  return (req, res, ctx) => {
    const exchange = new Exchange(deps, req, res, ctx);
    const run = async (): Promise<void> => {
      switch (ctx.connection.verdict) {
        case 'block':
          exchange.block({ decision: undefined, fingerprints: NO_FINGERPRINTS }, ctx.connection.explanation);
          return;
        case 'tunnel':
          await exchange.forwardStream({ decision: undefined, fingerprints: NO_FINGERPRINTS }, exchange.target.path + exchange.target.search);
          return;
        case 'inspect':
          await inspectExchange(exchange, deps.policy(), pseudonymizer);
      }
    };
    run().catch((failure: unknown) => exchange.fail(failure));
  };
}
