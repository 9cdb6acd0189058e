import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (one level up from both src/ and dist/). */
function readVersion(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
      return manifest.version;
    }
  } catch {
    // A missing or unreadable manifest only costs the version string.
  }
  return 'unknown';
}

export const VERSION = readVersion();
