import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { asGatewayError, GatewayError, messageOf } from '../errors.js';
import { dataDirLayout } from '../data-dir.js';
import { NO_NAMING_CONTEXT, namingContext, withDestinationNames, type NamingContext } from '../destinations/index.js';
import { Ledger, answeredHow, renderReportMarkdown, type DeviceNetwork, type DeviceSummary, type ReportContext } from '../ledger/index.js';
import { declaredHosts } from '../mud/index.js';
import { parsePolicyText } from '../policy-store.js';
import { printable } from './printable.js';
import { UsageError, type CliIo } from './usage.js';

/** Opens the ledger of a data directory for one query. It never creates one: no ledger is an error. */
export async function withLedger<T>(dataDir: string, query: (ledger: Ledger) => T): Promise<T> {
  const { ledgerFile } = dataDirLayout(dataDir);
  if (!existsSync(ledgerFile)) {
    throw new GatewayError(
      'LEDGER_UNAVAILABLE',
      `No ledger at ${ledgerFile}. Start the gateway with this data directory first (or pass --data DIR).`,
    );
  }
  // Retention is the running gateway's business; the longest allowed period keeps every row visible.
  const ledger = new Ledger({ file: ledgerFile, retentionDays: 3650 });
  ledger.start();
  try {
    return query(ledger);
  } finally {
    ledger.stop();
  }
}

/**
 * The owner's naming (device maker, chosen parties) and the device's MUD declarations from the policy
 * file. Without a readable policy the report still works, named from the catalogue alone, and says so.
 */
export async function reportContext(dataDir: string, deviceId: string, io: CliIo): Promise<ReportContext & { naming: NamingContext }> {
  const { policyFile } = dataDirLayout(dataDir);
  try {
    const policy = parsePolicyText(await readFile(policyFile, 'utf8'), policyFile);
    return { naming: namingContext(policy, deviceId), declaredHosts: declaredHosts(policy, deviceId) };
  } catch (error) {
    const reason = messageOf(error);
    io.err(`Naming destinations from the built-in catalogue only: ${reason}`);
    return { naming: NO_NAMING_CONTEXT };
  }
}

export async function summaryCommand(deviceId: string, dataDir: string, json: boolean, io: CliIo): Promise<number> {
  const { summary, addresses } = await withLedger(dataDir, (ledger) => ({
    summary: ledger.deviceSummary(deviceId),
    addresses: ledger.upstreamAddresses(deviceId),
  }));
  const { naming } = await reportContext(dataDir, deviceId, io);
  const named = withDestinationNames(summary, naming, addresses);
  io.out(json ? JSON.stringify(named, null, 2) : formatSummary(named));
  return 0;
}

export async function reportCommand(
  deviceId: string,
  options: { dataDir: string; format: string | undefined; out: string | undefined },
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be json or md, not "${format}"`, 'report');
  const context = await reportContext(options.dataDir, deviceId, io);
  const report = await withLedger(options.dataDir, (ledger) => ledger.report(deviceId, context));
  const text = format === 'md' ? renderReportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (options.out === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  await writeFile(options.out, text, { mode: 0o600 }).catch((error: unknown) => {
    throw asGatewayError(error, 'REQUEST_INVALID', `Cannot write the report to ${options.out ?? ''}`);
  });
  io.err(`Wrote the ${format === 'md' ? 'Markdown' : 'JSON'} report for ${printable(deviceId)} to ${options.out}`);
  return 0;
}

const time = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

type NamedSummary = ReturnType<typeof withDestinationNames<DeviceSummary>>;

export function formatSummary(summary: NamedSummary): string {
  const { device } = summary;
  const lines = [
    `Device ${printable(device.name)} (${printable(device.id)})${device.isDefault ? ', default profile' : ''}`,
    `Seen ${time(device.firstSeen)} to ${time(device.lastSeen)}; figures since ${time(summary.since)}`,
    '',
    'Destinations:',
  ];
  for (const d of summary.destinations) {
    const inspection = d.inspectable ? '' : ', UNINSPECTABLE (pinned certificate)';
    const { name } = d;
    const where = name.countries.length > 0 ? `, ${name.countries.join('/')}` : '';
    lines.push(
      `  ${d.scheme}://${printable(d.host)}:${d.port}  ${printable(name.vendor ?? 'unknown vendor')} (${name.party} party${where})  ` +
        `forwarded ${d.forwarded}, blocked ${d.blocked}, errors ${d.errors}${inspection}`,
    );
  }
  if (summary.destinations.length === 0) lines.push('  (none)');
  const { notShown } = summary;
  if (notShown.destinations > 0) lines.push(`  … and ${notShown.destinations} less busy destinations not shown`);
  if (notShown.requestsPastBounds > 0) {
    lines.push(`  … and ${notShown.requestsPastBounds} requests to destinations past the daily limit per device (counted only)`);
  }
  lines.push('', 'Fields by category:');
  for (const category of summary.categories) {
    lines.push(`  ${category.label}`);
    for (const f of category.fields) {
      const action = f.applied || f.action === 'allow' ? f.action : `${f.action} (monitor: not applied)`;
      const opaque = f.opaque ? ', opaque' : '';
      lines.push(`    ${printable(f.host)} ${printable(f.path)}  ${action}${opaque}  x${f.count}  last ${time(f.lastSeen)}`);
    }
  }
  if (summary.categories.length === 0) lines.push('  (none)');
  if (notShown.fields > 0) lines.push(`  … and ${notShown.fields} less frequent fields not shown`);
  if (notShown.fieldSightingsPastBounds > 0) {
    lines.push(`  … and ${notShown.fieldSightingsPastBounds} field sightings past the daily limit per device (counted only)`);
  }
  const violations = summary.decisions.filter((d) => d.violation);
  lines.push('', 'Recent violations:');
  for (const d of violations.slice(0, 20)) {
    const request = printable(`${d.method ?? ''} ${d.host}${d.path ?? ''}`.trim());
    lines.push(`  ${time(d.at)}  ${request}  ${d.verdict} (${d.mode})  ${printable(d.ruleId ?? '-')}: ${printable(d.reason)}`);
  }
  if (violations.length === 0) lines.push('  (none)');
  lines.push(...networkLines(summary.network));
  return lines.join('\n');
}

/** Names resolved through the gateway (and how they were answered), own-DNS findings and MQTT topics. */
function networkLines(network: DeviceNetwork): string[] {
  const lines = ['', 'Names looked up through the gateway:'];
  for (const n of network.dns.names.slice(0, 50)) {
    lines.push(`  ${printable(n.name)}  x${n.queries} (${answeredHow(n)})  last ${time(n.lastSeen)}`);
  }
  if (network.dns.names.length === 0) lines.push('  (none)');
  if (network.dns.ownDns.length > 0) {
    lines.push('', 'USES ITS OWN DNS:');
    for (const f of network.dns.ownDns) lines.push(`  ${printable(f.explanation)}  last ${time(f.lastSeen)}`);
  }
  lines.push('', 'MQTT topics:');
  for (const t of network.mqtt.topics.slice(0, 50)) {
    const way = t.direction === 'published' ? 'published' : 'received ';
    const blocked = t.blocked > 0 ? `, ${t.blocked} blocked` : '';
    lines.push(`  ${way}  ${printable(t.host)} ${printable(t.topic)}  x${t.messages}${blocked}  last ${time(t.lastSeen)}`);
  }
  if (network.mqtt.topics.length === 0) lines.push('  (none)');
  return lines;
}
