#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR } from './config.js';
import { GatewayError, messageOf } from './errors.js';
import { UsageError, commandHelp, findCommand, mainHelp, type CliIo, type CommandSpec } from './cli/usage.js';
import { VERSION } from './version.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/** Runs one command line; resolves with the exit status (0 ok, 1 failed, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('Missing command.', undefined);
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return 0;
  }
  if (name === '--version') {
    io.out(VERSION);
    return 0;
  }
  // `mud import` and `mud diff` are two-word commands.
  const twoWord = name === 'mud' && rest[0] !== undefined ? `mud ${rest[0]}` : undefined;
  const command = findCommand(twoWord ?? name);
  if (twoWord !== undefined && command) rest.shift();
  if (!command) {
    throw new UsageError(name.startsWith('-') ? `Unknown option ${name}.` : `Unknown command "${name}".`, undefined);
  }
  const { values, positionals } = parse(command, rest);
  if (values.help === true) {
    io.out(commandHelp(command));
    return 0;
  }
  return run(command, values, positionals, io);
}

function parse(command: CommandSpec, args: readonly string[]): { values: Values; positionals: string[] } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains unknown flags and missing values well; only the prefix is ours.
    throw new UsageError(messageOf(error), command.name);
  }
  if (parsed.values.help !== true) {
    const expected = command.positionals;
    if (parsed.positionals.length < expected.length) {
      throw new UsageError(`Missing ${expected.slice(parsed.positionals.length).join(' ')}.`, command.name);
    }
    if (parsed.positionals.length > expected.length) {
      throw new UsageError(`Unexpected argument "${parsed.positionals[expected.length] ?? ''}".`, command.name);
    }
  }
  return parsed;
}

async function run(command: CommandSpec, values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const [first = ''] = positionals;
  const dataDir = text('data') ?? process.env.PG_DATA_DIR ?? DEFAULT_DATA_DIR;
  // Commands load their modules on demand: `--help` and `validate` need no SQLite, TLS or x509.
  switch (command.name) {
    case 'start': {
      const { startCommand } = await import('./cli/start.js');
      return startCommand(values, io);
    }
    case 'validate': {
      const { validateCommand } = await import('./cli/validate.js');
      const explicit = text('data') !== undefined || process.env.PG_DATA_DIR !== undefined;
      return validateCommand(first, io, { dataDir, explicit });
    }
    case 'inspect': {
      const { formatInspection, inspectFile, inspectionJson } = await import('./cli/inspect.js');
      const inspection = await inspectFile(first, text('content-type'));
      io.out(values.json === true ? inspectionJson(inspection) : formatInspection(inspection));
      return 0;
    }
    case 'summary': {
      const { summaryCommand } = await import('./cli/ledger-commands.js');
      return summaryCommand(first, dataDir, values.json === true, io);
    }
    case 'report': {
      const { reportCommand } = await import('./cli/ledger-commands.js');
      return reportCommand(first, { dataDir, format: text('format'), out: text('out') }, io);
    }
    case 'lock': {
      const { lockCommand } = await import('./cli/lock-command.js');
      const flag = (name: string): boolean => values[name] === true;
      return lockCommand(first, { dataDir, apply: flag('apply'), force: flag('force'), json: flag('json') }, io);
    }
    case 'mud import': {
      const { mudImportCommand } = await import('./cli/mud-commands.js');
      return mudImportCommand({ deviceId: first, source: positionals[1] ?? '', dataDir, lockdown: values.lockdown === true }, io);
    }
    case 'mud diff': {
      const { mudDiffCommand } = await import('./cli/mud-commands.js');
      return mudDiffCommand(first, dataDir, values.json === true, io);
    }
    default:
      throw new UsageError(`Unknown command "${command.name}".`, undefined);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`privacy-gateway: ${error.message}`);
    io.err(`Run \`privacy-gateway ${error.command === undefined ? '' : `${error.command} `}--help\` for usage.`);
    return 2;
  }
  if (error instanceof GatewayError) {
    io.err(`Error ${error.code}: ${error.message}`);
    for (const detail of error.details) io.err(`  ${detail}`);
    return 1;
  }
  io.err(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const status = await runCli(process.argv.slice(2), processIo);
  process.exitCode = status;
  // Everything is closed by now; this only guards against a stray handle keeping a stopped gateway alive.
  setTimeout(() => process.exit(status), 2_000).unref();
}
