// Loaded into the gateway under test with `node --import` (bench/memory-load.mjs): samples the process's
// memory every 50 ms and, on exit, writes to PG_MEMORY_OUT what it was made of at its RSS peak:
// process.memoryUsage(), RssAnon/RssFile, the V8 spaces, and the resident KB of each mapping group
// (V8 pages, the malloc heap, the node binary by permissions, libraries) at the end. With PG_MEMORY_SERIES=1 also
// every sample (what grew when), the mappings near the peak, and the garbage collector's pauses by kind.
import { readFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

const out = process.env.PG_MEMORY_OUT;
const statusKb = (name, text) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
let atPeak;
let first;
let mappedAtRss = 0;
let peakMappings;
/** Every sample when PG_MEMORY_SERIES=1: what grew over time, not just what the peak was made of. */
const series = process.env.PG_MEMORY_SERIES === '1' ? [] : undefined;

function sample() {
  const usage = process.memoryUsage();
  const status = readFileSync('/proc/self/status', 'utf8');
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name.replace(/_space$/, ''), space.space_size]));
  const now = { ...usage, rssAnon: statusKb('RssAnon', status) * 1024, rssFile: statusKb('RssFile', status) * 1024, threads: statusKb('Threads', status), spaces };
  first ??= now;
  series?.push({ t: Date.now(), rss: usage.rss, heapTotal: usage.heapTotal, heapUsed: usage.heapUsed, external: usage.external,
    arrayBuffers: usage.arrayBuffers, old: spaces.old, new: spaces.new, rssAnon: now.rssAnon });
  if (!atPeak || now.rss >= atPeak.rss) atPeak = now;
  // With the series, the mappings near the peak too: read again only when the peak rose by half a megabyte
  // (reading smaps costs about a millisecond).
  if (series && now.rss >= mappedAtRss + 524288) {
    mappedAtRss = now.rss;
    peakMappings = mappings();
  }
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
      const file = name.startsWith('/') ? name.split('/').pop() : name;
      current = name === '' ? (kb <= 256 ? 'anonymous <= 256 KB (V8 pages)' : 'anonymous, larger') : file === 'node' ? `node ${line.split(' ')[1]}` : file;
    } else if (current && line.startsWith('Rss:')) {
      groups[current] = (groups[current] ?? 0) + Number(line.split(/\s+/)[1]);
      current = undefined;
    }
  }
  return groups;
}

/** With the series, the garbage collector's pauses by kind: how many and how long in all (ms). */
const gcKinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
const gc = {};
if (series) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKinds[entry.detail?.kind] ?? 'other';
      gc[kind] = { count: (gc[kind]?.count ?? 0) + 1, ms: (gc[kind]?.ms ?? 0) + entry.duration };
    }
  }).observe({ entryTypes: ['gc'] });
}

setImmediate(sample);
setInterval(sample, 50).unref();
process.on('exit', () => {
  sample();
  if (!out) return;
  const status = readFileSync('/proc/self/status', 'utf8');
  writeFileSync(out, JSON.stringify({ hwmKb: statusKb('VmHWM', status), first, atPeak, mappings: mappings(), peakMappings, gc, code: v8.getHeapCodeStatistics(), series }));
});
