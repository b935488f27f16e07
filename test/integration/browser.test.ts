/**
 * The two pages the hub serves to people, in a real headless Chromium with every request to
 * anywhere but the hub blocked and recorded: the transparency report (charts drawn, nothing
 * fetched) and the bundled GraphiQL explorer (loads, takes a pasted token, runs a query).
 * Needs Debian's chromium (.ci/run installs it); skipped with a message where it is missing.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { designations } from '../../src/db/schema/index.ts';
import { designationsAdded } from '../support/builders.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('pages in a real browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  const outside: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    const july = new Date(Date.UTC(2026, 6, 15));
    await hub.db.insert(designations).values(
      Array.from({ length: 40 }, (_, i) => ({
        subjectType: 'ENTITY' as const,
        primaryName: `Example Holding ${i}`,
        primaryNameNormalized: `example holding ${i}`,
        programs: [i % 3 === 0 ? 'IRAN' : 'RUSSIA-EO14024'],
        status: 'ACTIVE' as const,
        ownerAgencyId: i % 2 === 0 ? 'us-ofac' : 'gb-ofsi',
        marking: 'CLEAR' as const,
        createdAt: july,
      })),
    );
    // March 2026's 1 and 4 (one programme, so every cell is its column's total) no suppression protects.
    // Not us-ofac's: the explorer's query below counts its records.
    await hub.db.insert(designations).values([...designationsAdded('gb-ofsi', 0, 1), ...designationsAdded('gb-ofsi', 2, 4), ...designationsAdded('de-bafa', 2, 1)]);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext();
    // The closed network: only the hub answers; anything else is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${hub.url}/`) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('renders the transparency report with its charts and fetches nothing from outside', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const response = await page.goto(`${hub.url}/transparency?period=2026-Q3`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Interlock transparency report, 2026-Q3');
    const bars = page.locator('#designationsAdded svg.chart rect.bar');
    expect(await bars.count()).toBeGreaterThan(0);
    const box = await bars.first().boundingBox();
    expect(box?.width).toBeGreaterThan(10);
    expect(await page.locator('#designationsAdded tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: '← previous' }).click();
    await expect(page.title()).resolves.toBe('Interlock transparency report, 2026-Q2');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('renders a withheld table as its reason, with no figures and no chart', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect((await page.goto(`${hub.url}/transparency?period=2026-03`))?.status()).toBe(200);
    const section = page.locator('#designationsAdded');
    await expect(section.locator('p.withheld').textContent()).resolves.toMatch(/^Withheld\. A count under 5/);
    expect(await section.locator('p.withheld').isVisible()).toBe(true);
    expect(await section.locator('table, svg').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('serves a GraphiQL explorer that loads nothing from outside, takes a pasted token and runs a query', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${hub.url}/graphql`);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await page.locator('#token').fill(await hub.token('us-ofac'));
    await page.locator('.graphiql-execute-button').click();
    // A locator, not a function evaluated in the page: the explorer's CSP forbids eval.
    await page.locator('.graphiql-response', { hasText: '"totalCount": 20' }).waitFor({ timeout: 30_000 });
    const answer = await page.locator('.graphiql-response').textContent();
    // us-ofac's own 20 records: gb-ofsi's 20 are not shared with it (no agreement in this hub).
    expect(answer).toContain('Example Holding');
    expect(answer).not.toContain('UNAUTHENTICATED');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });
});

describe('the explorer in production mode', () => {
  it('is off unless enabled, and on when enabled', async () => {
    const off = await startTestHub({ production: true });
    const on = await startTestHub({ production: true, explorer: true });
    try {
      const asBrowser = { headers: { accept: 'text/html,application/xhtml+xml' } };
      const refused = await fetch(`${off.url}/graphql`, asBrowser);
      expect(refused.headers.get('content-type')).not.toMatch(/text\/html/);
      expect((await fetch(`${off.url}/explorer/graphiql.js`)).status).toBe(404);
      const page = await fetch(`${on.url}/graphql`, asBrowser);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await page.text()).toContain('/explorer/graphiql.js');
      expect((await fetch(`${on.url}/explorer/graphiql.js`)).status).toBe(200);
    } finally {
      await off.stop();
      await on.stop();
    }
  });
});
