// Sections of BENCHMARKS.md written by a bench of their own (bench/mqtt.mjs, bench/dns.mjs,
// bench/profile-load.mjs), between `<!-- NAME-bench:start -->` and `<!-- NAME-bench:end -->`. bench/run.mjs
// rewrites the rest of the file and carries these over, so one command never erases another's figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const KEPT_SECTIONS = ['profile', 'mqtt', 'dns'];

const markers = (name) => [`<!-- ${name}-bench:start -->`, `<!-- ${name}-bench:end -->`];

/** The section `name` (markers included) in a BENCHMARKS.md text, or '' when it has none. */
export function section(text, name) {
  const [open, close] = markers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start === -1 || end < start ? '' : text.slice(start, end + close.length);
}

/** Puts `content` (markers included) in place of the old section `name`, or at the end. */
export function replaceSection(text, name, content) {
  const old = section(text, name);
  if (old !== '') return text.replace(old, () => content);
  return `${text.replace(/\n*$/, '')}\n\n${content}\n`;
}

/** Wraps a Markdown body in the section's markers. */
export function wrapSection(name, body) {
  const [open, close] = markers(name);
  return `${open}\n${body.trim()}\n${close}`;
}

/** Writes the section `name` into FILE (created when missing). */
export function writeSection(file, name, body) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, replaceSection(text, name, wrapSection(name, body)));
}
