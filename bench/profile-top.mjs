// The hottest functions of a V8 CPU profile (`node --cpu-prof`): self time and inclusive time per
// function, so a missed bench target can be traced to code. `PG_BENCH_PROFILE=1 npm run bench` profiles
// the gateway cells and prints this for each.
// Usage: node bench/profile-top.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(import.meta.dirname, '..');

function label(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let file = frame.url;
  try {
    file = relative(REPO, fileURLToPath(frame.url));
  } catch {
    // node:internal and other non-file URLs stay as they are
  }
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** [{ name, selfMs, totalMs }] sorted by self time, from a parsed .cpuprofile. */
export function hotFunctions(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0)));

  const self = new Map();
  const total = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    // Inclusive: once per distinct function on the stack (recursion counted once).
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frameName = label(byId.get(at).callFrame);
      if (seen.has(frameName)) continue;
      seen.add(frameName);
      total.set(frameName, (total.get(frameName) ?? 0) + us);
    }
  }
  return [...self.keys()]
    .map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: (total.get(name) ?? 0) / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** The top `n` by self time and the top `n` project functions by inclusive time, as text. */
export function formatHotFunctions(profile, n = 20) {
  const rows = hotFunctions(profile);
  const sampled = rows.reduce((sum, row) => sum + row.selfMs, 0);
  const pct = (ms) => `${((100 * ms) / sampled).toFixed(1).padStart(5)}%`;
  const lines = [`sampled ${sampled.toFixed(0)} ms`, 'self time:'];
  for (const row of rows.slice(0, n)) lines.push(`  ${pct(row.selfMs)}  ${row.name}`);
  lines.push('inclusive time, project code (dist/):');
  const ours = rows.filter((row) => /(^| |\/)dist\//.test(row.name)).sort((a, b) => b.totalMs - a.totalMs);
  for (const row of ours.slice(0, n)) lines.push(`  ${pct(row.totalMs)}  ${row.name}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, count] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [N]');
    process.exit(2);
  }
  console.log(formatHotFunctions(JSON.parse(readFileSync(file, 'utf8')), Number(count ?? 20)));
}
