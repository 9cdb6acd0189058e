import type { ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: the CLI prints it with the usage line and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | undefined,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes; the real process passes stdout/stderr, in-process tests collect lines. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  readonly options: CliOptions;
  /** Help lines for the options, already aligned. */
  readonly optionHelp: readonly string[];
  readonly positionals: readonly string[];
}

const DATA_HELP = '  --data DIR              The data directory (default ./data, or $PG_DATA_DIR)';
const HELP_HELP = '  -h, --help              Show this help';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'start',
    synopsis: 'start [options]',
    summary: 'Run the proxy and the local page until Ctrl+C or SIGTERM',
    positionals: [],
    options: {
      data: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'page-port': { type: 'string' },
      'page-auth': { type: 'string' },
      'transparent-http-port': { type: 'string' },
      'transparent-tls-port': { type: 'string' },
      'mqtt-port': { type: 'string' },
      'mqtts-port': { type: 'string' },
      'mqtt-upstream': { type: 'string' },
      'upstream-ca': { type: 'string' },
      'dns-port': { type: 'string' },
      'dns-upstream': { type: 'string' },
      'dns-answer-address': { type: 'string' },
      'dns-sinkhole': { type: 'string' },
      'retention-days': { type: 'string' },
      'ha-url': { type: 'string' },
      'ha-token-file': { type: 'string' },
    },
    optionHelp: [
      DATA_HELP,
      '  --host HOST             Address to listen on (default 127.0.0.1: this machine only;',
      '                          use 0.0.0.0 so devices on your network can reach the gateway)',
      '  --port PORT             Proxy port (default 8080; 0 picks a free port)',
      '  --page-port PORT        Local page port (default 8099; 0 picks a free port)',
      '  --page-auth auto|token  Page API login: auto = a token whenever the page listens beyond',
      '                          this machine (default), token = always (or $PG_PAGE_AUTH)',
      '  --transparent-http-port PORT   Also accept HTTP redirected by the router (off by default)',
      '  --transparent-tls-port PORT    Also accept HTTPS redirected by the router (off by default)',
      '  --mqtt-port PORT        Plain MQTT: broker from the names DNS steered, else --mqtt-upstream (off by default; 1883 usually)',
      '  --mqtts-port PORT       MQTT over TLS, intercepted; broker from SNI, port 8883 (off by default)',
      '  --mqtt-upstream HOST:PORT  The broker plain MQTT is bridged to when no steered name says (explicit mode)',
      '  --upstream-ca FILE      Extra PEM root to trust when verifying vendors\' certificates',
      '  --dns-port PORT         Answer DNS on this port, UDP and TCP (off by default; 53 needs root)',
      '  --dns-upstream IP[:PORT]   Where the DNS asks (default: the nameserver in /etc/resolv.conf)',
      '  --dns-answer-address IP[,IP]   The gateway\'s address devices reach: names the policy inspects',
      '                          resolve to it, landing on the transparent listeners (off: names only logged)',
      '  --dns-sinkhole nxdomain|null   How blocked names are answered (default nxdomain; null: 0.0.0.0 / ::)',
      '  --retention-days N      Days of history the ledger keeps (default 30)',
      '  --ha-url URL            Home Assistant to take the policy from and report to (or $PG_HA_URL)',
      '  --ha-token-file FILE    File holding the token the integration issued (or $PG_HA_TOKEN)',
    ],
  },
  {
    name: 'validate',
    synopsis: 'validate FILE [--data DIR]',
    summary: 'Check a policy file: exit 0 if valid, 1 with each problem on its own line',
    positionals: ['FILE'],
    options: { data: { type: 'string' } },
    optionHelp: [
      '  --data DIR              Also warn about rules that match nothing the ledger in DIR has seen',
      '                          (default $PG_DATA_DIR or ./data, when it holds a ledger; exit stays 0)',
    ],
  },
  {
    name: 'inspect',
    synopsis: 'inspect FILE [--json] [--content-type TYPE]',
    summary: 'List every field of a captured body with its data categories and whether it is opaque',
    positionals: ['FILE'],
    options: { json: { type: 'boolean' }, 'content-type': { type: 'string' } },
    optionHelp: [
      '  --json                  Print [{path, categories, opaque}] as JSON',
      '  --content-type TYPE     How to read FILE (default: from its name; .txt holding a URL with',
      '                          a query string or a=1&b=2 is read as query/form parameters)',
    ],
  },
  {
    name: 'summary',
    synopsis: 'summary DEVICE [--data DIR] [--json]',
    summary: 'What DEVICE sent, by destination and category, from the ledger',
    positionals: ['DEVICE'],
    options: { data: { type: 'string' }, json: { type: 'boolean' } },
    optionHelp: [DATA_HELP, '  --json                  Print the summary as JSON'],
  },
  {
    name: 'report',
    synopsis: 'report DEVICE [--format json|md] [--out FILE] [--data DIR]',
    summary: 'A privacy report for DEVICE (Markdown by default)',
    positionals: ['DEVICE'],
    options: { data: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    optionHelp: [
      DATA_HELP,
      '  --format json|md        Report format (default md)',
      '  --out FILE              Write the report to FILE instead of standard output',
    ],
  },
  {
    name: 'lock',
    synopsis: 'lock DEVICE [--apply] [--force] [--json] [--data DIR]',
    summary: 'Propose an allowlist from what DEVICE used (third parties blocked); --apply locks it down',
    positionals: ['DEVICE'],
    options: { data: { type: 'string' }, apply: { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    optionHelp: [
      DATA_HELP,
      '  --apply                 Write the proposal into the policy and switch DEVICE to lockdown',
      '  --force                 Apply before the 7-day learning period has passed',
      '  --json                  Print the proposal as JSON',
    ],
  },
  {
    name: 'mud import',
    synopsis: 'mud import DEVICE FILE|URL [--lockdown] [--data DIR]',
    summary: "Turn DEVICE's RFC 8520 MUD file into its allowlist in the policy",
    positionals: ['DEVICE', 'FILE|URL'],
    options: { data: { type: 'string' }, lockdown: { type: 'boolean' } },
    optionHelp: [DATA_HELP, '  --lockdown              Also switch DEVICE to lockdown: refuse what the file does not declare'],
  },
  {
    name: 'mud diff',
    synopsis: 'mud diff DEVICE [--json] [--data DIR]',
    summary: 'Destinations DEVICE uses that its MUD file does not declare, and declared ones it never uses',
    positionals: ['DEVICE'],
    options: { data: { type: 'string' }, json: { type: 'boolean' } },
    optionHelp: [DATA_HELP, '  --json                  Print JSON'],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export function mainHelp(): string {
  return [
    'Usage: privacy-gateway COMMAND [options]',
    '',
    'A privacy gateway at home: reads what smart devices send to their vendors, names the personal',
    'data in it and removes what the owner does not allow, field by field.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(11)}${c.summary}`),
    '',
    'Options:',
    HELP_HELP,
    '  --version               Print the version',
    '',
    'Run `privacy-gateway COMMAND --help` for the options of one command. Start with',
    '`privacy-gateway start`, then open the local page it prints to set up your devices.',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  return [
    `Usage: privacy-gateway ${command.synopsis}`,
    '',
    `${command.summary}.`,
    '',
    'Options:',
    ...command.optionHelp,
    HELP_HELP,
  ].join('\n');
}
