import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info', production: false });
    expect(config.dataDir).toBe(path.resolve('./.interlock/data'));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/x',
      INTERLOCK_DATA_DIR: '/tmp/x',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@db:5432/x', dataDir: '/tmp/x', logLevel: 'debug', production: true });
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('reports every bad value with its variable name', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('LOG_LEVEL="loud"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
    }
  });

  it('reads the limits, with production turning introspection, suggestions and exposed limits off unless enabled', () => {
    const development = loadConfig({});
    expect(development.queryLimits).toMatchObject({ maxDepth: 15, maxCost: 100_000, introspection: true, fieldSuggestions: true, exposeLimits: true });
    expect(loadConfig({ NODE_ENV: 'production' }).queryLimits).toMatchObject({ introspection: false, fieldSuggestions: false, exposeLimits: false });
    const configured = loadConfig({ NODE_ENV: 'production', INTERLOCK_INTROSPECTION: 'true', INTERLOCK_MAX_COST: '1000', INTERLOCK_RATE_LIMIT_USER: '7' });
    expect(configured.queryLimits).toMatchObject({ introspection: true, fieldSuggestions: false, maxCost: 1_000 });
    expect(configured.rateLimits).toMatchObject({ userOperations: 7, agencyOperations: 20_000, windowSeconds: 60 });
  });

  it('reads the places for expensive operations, the scoring threads and the screening slices', () => {
    expect(loadConfig({}).concurrency).toEqual({
      agencyConcurrentOperations: 2,
      agencyQueuedOperations: 16,
      maxQueueWaitMs: 30_000,
      concurrentCost: 10_000,
      scoringThreads: 0,
      screeningSliceMs: 10,
    });
    const configured = loadConfig({ INTERLOCK_CONCURRENT_EXPENSIVE: '4', INTERLOCK_SCORING_THREADS: '3', INTERLOCK_SCREENING_SLICE_MS: '40' });
    expect(configured.concurrency).toMatchObject({ agencyConcurrentOperations: 4, scoringThreads: 3, screeningSliceMs: 40 });
    expect(() => loadConfig({ INTERLOCK_QUEUED_EXPENSIVE: '0', INTERLOCK_SCORING_THREADS: '-1' })).toThrow(
      /INTERLOCK_QUEUED_EXPENSIVE="0": must be at least 1[\s\S]*INTERLOCK_SCORING_THREADS="-1"/,
    );
  });

  it('names a bad limit', () => {
    expect(() => loadConfig({ INTERLOCK_MAX_DEPTH: '0', INTERLOCK_INTROSPECTION: 'maybe', INTERLOCK_RATE_LIMIT_AGENCY: 'lots' })).toThrow(
      /INTERLOCK_MAX_DEPTH="0": must be at least 1[\s\S]*INTERLOCK_INTROSPECTION="maybe": must be true or false[\s\S]*INTERLOCK_RATE_LIMIT_AGENCY="lots"/,
    );
  });
});
