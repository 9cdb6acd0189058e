import { describe, expect, it } from 'vitest';
import { configFromEnv, parseConfig, parseInteger } from '../../src/config.js';
import { GatewayError } from '../../src/errors.js';

describe('parseConfig', () => {
  it('fills every default, binding to loopback', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      dataDir: './data',
      proxy: { host: '127.0.0.1', port: 8080 },
      page: { host: '127.0.0.1', port: 8099, allowedHosts: [] },
      transparent: {},
      retentionDays: 30,
    });
    expect(config.limits.maxBodyBytes).toBeGreaterThan(0);
  });

  it('accepts port 0 so the system picks a free port', () => {
    expect(parseConfig({ proxy: { port: 0 }, page: { port: 0 } }).proxy.port).toBe(0);
  });

  it.each([
    [{ proxy: { port: 70_000 } }, 'proxy.port'],
    [{ retentionDays: 0 }, 'retentionDays'],
    [{ transparent: { tlsPort: -1 } }, 'transparent.tlsPort'],
    [{ dataDir: '' }, 'dataDir'],
  ])('rejects %j naming %s', (input, path) => {
    const failure = (() => {
      try {
        parseConfig(input);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((failure as GatewayError).details.some((line) => line.startsWith(`${path}:`))).toBe(true);
  });
});

describe('configFromEnv', () => {
  it('reads PG_* variables', () => {
    const config = parseConfig(configFromEnv({ PG_DATA_DIR: '/srv/pg', PG_HOST: '0.0.0.0', PG_PORT: '3128', PG_RETENTION_DAYS: '7' }));
    expect(config).toMatchObject({
      dataDir: '/srv/pg',
      proxy: { host: '0.0.0.0', port: 3128 },
      page: { host: '0.0.0.0', port: 8099 },
      retentionDays: 7,
    });
  });

  it('ignores unset variables', () => {
    expect(parseConfig(configFromEnv({}))).toEqual(parseConfig({}));
  });
});

describe('parseInteger', () => {
  it.each(['8o80', '-1', '1.5', '', ' 80'])('rejects %j with CONFIG_INVALID naming the source', (raw) => {
    expect(() => parseInteger(raw, '--port')).toThrow(/--port must be a whole number/);
  });
});
