// Loaded into the gateway under test with `node --import` (bench/memory-load.mjs): samples the process's
// memory every 50 ms and, on exit, writes to PG_MEMORY_OUT what it was made of at its RSS peak:
// process.memoryUsage(), RssAnon/RssFile, the V8 spaces, and the resident KB of each mapping group
// (V8 pages, the malloc heap, the node binary, libraries) at the end.
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.PG_MEMORY_OUT;
const statusKb = (name, text) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
let atPeak;
let first;

function sample() {
  const usage = process.memoryUsage();
  const status = readFileSync('/proc/self/status', 'utf8');
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name.replace(/_space$/, ''), space.space_size]));
  const now = { ...usage, rssAnon: statusKb('RssAnon', status) * 1024, rssFile: statusKb('RssFile', status) * 1024, threads: statusKb('Threads', status), spaces };
  first ??= now;
  if (!atPeak || now.rss >= atPeak.rss) atPeak = now;
}

/** Resident KB per kind of mapping: V8 allocates its pages as anonymous mappings of at most 256 KB. */
function mappings() {
  const groups = {};
  let current;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const kb = (parseInt(header[2], 16) - parseInt(header[1], 16)) / 1024;
      const name = header[3].trim();
      current = name === '' ? (kb <= 256 ? 'anonymous <= 256 KB (V8 pages)' : 'anonymous, larger') : name.startsWith('/') ? name.split('/').pop() : name;
    } else if (current && line.startsWith('Rss:')) {
      groups[current] = (groups[current] ?? 0) + Number(line.split(/\s+/)[1]);
      current = undefined;
    }
  }
  return groups;
}

setImmediate(sample);
setInterval(sample, 50).unref();
process.on('exit', () => {
  sample();
  if (!out) return;
  const status = readFileSync('/proc/self/status', 'utf8');
  writeFileSync(out, JSON.stringify({ hwmKb: statusKb('VmHWM', status), first, atPeak, mappings: mappings(), code: v8.getHeapCodeStatistics() }));
});
