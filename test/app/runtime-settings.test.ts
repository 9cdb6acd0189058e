import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRuntime } from '../../bench/lib/app-runtime.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the runtime settings of a standalone start', () => {
  const packageJson = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = packageJson.scripts.start ?? '';

  it('the app image sets V8 heap limits (the settings the memory figures are measured with)', () => {
    expect(appRuntime().nodeFlags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });

  it('npm start runs the gateway with the same V8 flags as the app image', () => {
    const words = start.split(/\s+/);
    const cli = words.indexOf('dist/cli.js');
    expect(cli).toBeGreaterThan(0);
    // Flags after the script would go to the CLI, not to node.
    expect(words.slice(0, cli)).toEqual(['node', ...appRuntime().nodeFlags]);
  });
});
