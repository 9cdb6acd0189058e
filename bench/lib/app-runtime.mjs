// The runtime settings the Home Assistant app ships: its Dockerfile's NODE_OPTIONS (V8 heap limits), the V8 flags
// run.sh adds on the command line (PG_NODE_FLAGS) and MALLOC_ARENA_MAX. The bench and the kill -9 durability test
// run the gateway with them, so what they measure is the gateway as it runs on a small host. Types: app-runtime.d.mts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const APP_DOCKERFILE = resolve(import.meta.dirname, '../../addon/privacy_gateway/Dockerfile');

/** { nodeFlags, env, text } from `ENV NAME=VALUE` / `ENV NAME="VALUE"` lines; Node defaults when absent. */
export function appRuntime() {
  const text = existsSync(APP_DOCKERFILE) ? readFileSync(APP_DOCKERFILE, 'utf8') : '';
  const value = (name) => new RegExp(`^ENV ${name}=(?:"([^"]*)"|(\\S+))`, 'm').exec(text)?.slice(1).find((v) => v !== undefined);
  // NODE_OPTIONS, then the flags Node refuses there, which run.sh puts on the command line (PG_NODE_FLAGS).
  const nodeFlags = [value('NODE_OPTIONS'), value('PG_NODE_FLAGS')].flatMap((v) => (v ?? '').split(/\s+/)).filter(Boolean);
  const arenas = value('MALLOC_ARENA_MAX');
  const env = arenas === undefined ? {} : { MALLOC_ARENA_MAX: arenas };
  const described = [...nodeFlags, ...Object.entries(env).map(([name, v]) => `${name}=${v}`)].join(' ');
  return { nodeFlags, env, text: described === '' ? 'Node defaults' : described };
}
