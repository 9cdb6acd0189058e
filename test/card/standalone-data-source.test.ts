// Runs in Node, not happy-dom: the source talks to a real PageServer on loopback with Node's own fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSourceError } from '../../src/card/data/data-source.js';
import { StandaloneDataSource } from '../../src/card/data/standalone-data-source.js';
import { PageServer, type DeviceQueries, type DeviceSummaryView, type StatusView } from '../../src/page/index.js';
import { namingContext, withDestinationNames } from '../../src/destinations/index.js';
import { parsePolicy } from '../../src/policy/index.js';
import { fixture } from './fake-hass.js';

const summary = fixture('page-summary.json') as unknown as DeviceSummaryView;
const status: StatusView = {
  version: '0.1.0',
  startedAt: 0,
  uptimeSeconds: 5,
  proxy: { http: '127.0.0.1:8080', transparentHttp: null, transparentTls: null },
  policy: { file: '/data/policy.json', mode: 'enforce', loadedAt: 0, lastError: null },
  ca: { fingerprintSha256: 'AA:BB', pemPath: '/ca.pem', derPath: '/ca.der' },
  hub: null,
};
const overview = (id: string, name: string, violationsToday: number) => ({
  id, name, isDefault: false, firstSeen: 1, lastSeen: 2, destinations: 2, fields: 2, categories: ['location'], violationsToday, bytesUp: 10, bytesDown: 20,
});
const devices: DeviceQueries = {
  devices: () => [overview('quiet', 'Quiet lamp', 0), overview('192.168.1.20', 'Living room TV', 4)],
  deviceSummary: (id) => (id === summary.device.id ? summary : undefined),
  reportJson: () => ({}),
  reportMarkdown: (id) => (id === summary.device.id ? '# Privacy report\n' : undefined),
};

describe('StandaloneDataSource', () => {
  let server: PageServer;
  let source: StandaloneDataSource;

  beforeAll(async () => {
    server = new PageServer({ status: () => status, ca: { pem: 'PEM', der: Buffer.from([0x30]) }, devices });
    const { port } = await server.start('127.0.0.1', 0);
    source = new StandaloneDataSource(`http://127.0.0.1:${port}`);
  });
  afterAll(() => server.stop());

  it('ranks the page\'s devices by exposure', async () => {
    const household = await source.household();
    expect(household.devices.map((device) => [device.name, device.trustScore])).toEqual([
      ['Living room TV', 60],
      ['Quiet lamp', 100],
    ]);
  });

  it('maps the ledger summary: destinations, fields by category, violations, opaque fields', async () => {
    const device = await source.device('192.168.1.20');
    expect(device.destinations.map((d) => [d.host, d.vendor, d.inspectable, d.access])).toEqual([
      ['telemetry.tv.example', 'TV Corp', true, 'allow'],
      ['pinned.tv.example', undefined, false, 'block'],
    ]);
    expect(device.categories.map((group) => [group.category, group.fields.map((field) => [field.path, field.action, field.count])])).toEqual([
      ['location', [['$.coords.lat', 'redact', 7]]],
      [undefined, [['$.blob', 'allow', 2]]],
    ]);
    // Which signal decided the category travels with the field; an empty one is no explanation.
    expect(device.categories.flatMap((group) => group.fields.map((field) => field.why))).toEqual(['key "lat": word "latitude" → location', undefined]);
    expect(device.violations.map((event) => event.explanation)).toEqual(['Location redacted']);
    expect(device.opaque.map((payload) => payload.fieldPath)).toEqual(['$.blob']);
  });

  it('passes the page\'s NOT_FOUND on with its message', async () => {
    await expect(source.device('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No device "ghost" in the ledger' });
  });

  it('exports the Markdown report', async () => {
    await expect(source.exportReport('192.168.1.20')).resolves.toEqual({
      fileName: 'privacy-report-192.168.1.20.md',
      mimeType: 'text/markdown',
      content: '# Privacy report\n',
    });
  });

  it('is read-only when the page has no editor or login: canEdit false, an action refused with the page\'s code', async () => {
    await source.household();
    expect(source.canEdit).toBe(false);
    expect(source.editRefusal?.code).toBe('PAGE_UNAUTHORIZED');
    const action = { kind: 'quarantine', deviceId: '192.168.1.20', quarantine: true } as const;
    await expect(source.apply(action)).rejects.toBeInstanceOf(DataSourceError);
    await expect(source.apply(action)).rejects.toMatchObject({ code: 'PAGE_UNAUTHORIZED' });
  });

  it('says the gateway does not answer when nothing listens', async () => {
    const gone = new StandaloneDataSource('http://127.0.0.1:1');
    await expect(gone.household()).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('StandaloneDataSource with named destinations', () => {
  it("shows the sidecar's vendor, party and countries per destination", async () => {
    const policy = parsePolicy({
      version: 1,
      devices: [{
        id: 'tv', name: 'TV', manufacturer: 'TV Corp', addresses: ['192.168.1.20'],
        destinations: [{ vendor: 'Relay', hosts: ['pinned.tv.example'], party: 'support' }],
      }],
    });
    const named = withDestinationNames(summary, namingContext(policy, 'tv'));
    const server = new PageServer({
      status: () => status, ca: { pem: 'PEM', der: Buffer.from([0x30]) },
      devices: { ...devices, deviceSummary: (id) => (id === summary.device.id ? named : undefined) },
    });
    const { port } = await server.start('127.0.0.1', 0);
    try {
      const device = await new StandaloneDataSource(`http://127.0.0.1:${port}`).device('192.168.1.20');
      expect(device.destinations.map((d) => [d.host, d.vendor, d.party, d.countries])).toEqual([
        ['telemetry.tv.example', 'TV Corp', 'first', []],
        ['pinned.tv.example', undefined, 'support', []],
      ]);
    } finally {
      await server.stop();
    }
  });
});
