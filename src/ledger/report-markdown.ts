import { CATEGORY_LABELS } from '../policy/index.js';
import type { FieldAction } from '../policy/index.js';
import type { PrivacyReport, ReportField } from './report.js';
import { networkSection } from './report-network.js';

const ACTION_WORDS: Record<FieldAction, string> = {
  allow: 'sent as is',
  redact: 'redacted',
  hash: 'hashed',
  drop: 'removed',
  block: 'not sent (request blocked)',
};

const BLOCK_WORDS: Readonly<Record<string, string>> = {
  quarantine: 'quarantine',
  destination: 'blocked destination',
  'lockdown-unlisted': 'lockdown: destination not listed',
  opaque: 'unreadable (opaque) data',
  field: 'field rule',
  uninspectable: 'cannot be inspected',
  policy: 'policy',
  unrecorded: 'not recorded (older entry)',
};

/** Host names and paths come off the network: neutralise Markdown and HTML in them. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function formatTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

function handling(field: ReportField): string {
  return field.actions
    .map(({ action, applied, count }) =>
      applied || action === 'allow'
        ? `${ACTION_WORDS[action]} ×${count}`
        : `sent as is ×${count} (policy says ${action}; monitor mode, not enforced)`,
    )
    .join(', ');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** A person-readable report; every value in it comes from the PrivacyReport and is escaped. */
export function renderReportMarkdown(report: PrivacyReport): string {
  const { device, totals } = report;
  const lines: string[] = [
    `# Privacy report: ${escapeMarkdown(device.name)}`,
    '',
    `Device \`${device.id.replace(/`/g, '')}\`${device.isDefault ? ' (default profile)' : ''} · ` +
      `${formatTime(report.period.from)} to ${formatTime(report.period.to)} · generated ${formatTime(report.generatedAt)}`,
    '',
    '## Summary',
    '',
    `- ${totals.requests} requests to ${report.destinations.length + report.notShown.destinations}` +
      `${report.notShown.requestsPastBounds > 0 ? ' or more' : ''} destinations: ` +
      `${totals.forwarded} forwarded (${totals.edited} with personal data changed by the policy), ` +
      `${totals.blocked} blocked, ${totals.errors} failed.`,
    `- ${formatBytes(totals.bytesUp)} sent, ${formatBytes(totals.bytesDown)} received.`,
    `- ${totals.violations} policy violations.`,
  ];
  const named = report.categories.flatMap((c) => (c.category === null ? [] : [c.label]));
  lines.push(`- Personal data seen: ${named.length > 0 ? named.join(', ') : 'none'}.`, '');

  lines.push('## Where it sends data', '');
  if (report.destinations.length === 0) lines.push('No destinations recorded.');
  else {
    lines.push(
      ...table(
        ['Vendor', 'Party', 'Country', 'Destination', 'Inspected', 'Requests', 'Blocked', 'Sent', 'Personal data'],
        report.destinations.map((d) => [
          escapeMarkdown(d.name.vendor ?? 'unknown'),
          d.name.party,
          d.name.countries.join(', ') || '-',
          escapeMarkdown(`${d.scheme}://${d.host}:${d.port}`),
          d.inspectable ? 'yes' : 'no (certificate pinned)',
          String(d.requests),
          String(d.blocked),
          formatBytes(d.bytesUp),
          d.categories.map((c) => CATEGORY_LABELS[c]).join(', ') || '-',
        ]),
      ),
    );
  }
  lines.push(...notShownLines(report));
  if (report.mud !== undefined) lines.push('', ...mudSection(report.mud));
  lines.push('', '## What it sends', '');
  if (report.categories.length === 0) lines.push('No inspected fields recorded.');
  for (const category of report.categories) {
    lines.push(`### ${escapeMarkdown(category.label)}`, '');
    lines.push(
      ...table(
        ['Destination', 'Field', 'Handling', 'Value changes', 'Last seen'],
        category.fields.map((f) => [
          escapeMarkdown(f.host),
          escapeMarkdown(f.path),
          handling(f),
          String(f.changes),
          formatTime(f.lastSeen),
        ]),
      ),
      '',
    );
  }
  lines.push('## What was blocked', '');
  if (report.blocked.length === 0) lines.push('Nothing was blocked.');
  else {
    lines.push(
      ...table(
        ['Destination', 'Blocked by', 'Rule', 'Why', 'Times', 'Last'],
        report.blocked.map((b) => [
          escapeMarkdown(b.host),
          escapeMarkdown(BLOCK_WORDS[b.kind] ?? b.kind),
          escapeMarkdown(b.ruleId ?? '-'),
          escapeMarkdown(b.reason) + (b.enforced ? '' : ' (monitor mode: not enforced, the request was sent)'),
          String(b.count),
          formatTime(b.lastAt),
        ]),
      ),
    );
  }
  if (report.notShown.blocked > 0) lines.push('', `${report.notShown.blocked} more kinds of block not shown.`);
  lines.push('', ...networkSection(report, { escape: escapeMarkdown, time: formatTime, table }));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The report lists the busiest rows; these lines say what it leaves out, so no one mistakes it for all. */
function notShownLines(report: PrivacyReport): string[] {
  const { notShown } = report;
  const lines: string[] = [];
  if (notShown.destinations > 0) lines.push(`${notShown.destinations} less busy destinations not shown.`);
  if (notShown.fields > 0) lines.push(`${notShown.fields} less frequent fields not shown.`);
  if (notShown.requestsPastBounds > 0) {
    lines.push(
      `${notShown.requestsPastBounds} requests (${formatBytes(notShown.bytesUpPastBounds)} sent) went to destinations ` +
        'past the daily limit per device and are counted, not itemised.',
    );
  }
  if (notShown.fieldSightingsPastBounds > 0) {
    lines.push(`${notShown.fieldSightingsPastBounds} field sightings past the daily limit per device are counted, not itemised.`);
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

/** Declared (the maker's MUD file) vs observed. */
function mudSection(mud: NonNullable<PrivacyReport['mud']>): string[] {
  const list = (hosts: readonly string[]): string[] => (hosts.length === 0 ? ['- none'] : hosts.map((h) => `- ${escapeMarkdown(h)}`));
  return [
    "## Declared by the maker (MUD) vs used",
    '',
    `The maker's MUD file declares ${mud.declared.length} destination(s).`,
    '',
    'Used but not declared:',
    '',
    ...list(mud.undeclared),
    '',
    'Declared but never used:',
    '',
    ...list(mud.unused),
  ];
}
