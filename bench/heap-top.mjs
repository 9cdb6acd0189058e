// Where the bytes of a V8 sampling heap profile were allocated (bench/gateway-process.mjs PG_HEAP_PROFILE: by
// default only what outlived the young generation, i.e. what the gateway promotes): bytes per request by
// allocating function, then by its call stack (innermost first), so GC cost can be traced to code.
//   PG_PROFILE=heap node bench/profile-load.mjs this=.   (prints this for the first round's cells)
//   node bench/heap-top.mjs FILE.heapprofile REQUESTS [N]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const STACK_DEPTH = 4;

function label(frame) {
  const file = frame.url.replace(/^.*\/(dist|node_modules)\//, '$1/').replace(/^node:/, '');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/** Text: the N largest allocating functions and stacks of a parsed .heapprofile, in bytes per request. */
export function formatHeapTop(profile, requests, n = 15) {
  const byFunction = new Map();
  const byStack = new Map();
  let total = 0;
  const visit = (node, stack) => {
    const here = [...stack.slice(1 - STACK_DEPTH), label(node.callFrame)];
    if (node.selfSize > 0) {
      total += node.selfSize;
      const name = here[here.length - 1];
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      const key = [...here].reverse().join(' < ');
      byStack.set(key, (byStack.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, here);
  };
  visit(profile.head, []);
  const perRequest = (bytes) => (bytes / Math.max(1, requests)).toFixed(0).padStart(7);
  const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, bytes]) => `${perRequest(bytes)}  ${key}`);
  return [`${perRequest(total)}  B per request in all (${requests} requests)`, '-- by allocating function', ...top(byFunction),
    '-- by stack', ...top(byStack)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, requests, n] = process.argv.slice(2);
  if (!file || !requests) throw new Error('usage: node bench/heap-top.mjs FILE.heapprofile REQUESTS [N]');
  console.log(formatHeapTop(JSON.parse(readFileSync(file, 'utf8')), Number(requests), Number(n ?? 15)));
}
