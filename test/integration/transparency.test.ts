/**
 * The public transparency report over HTTP: no token, aggregates only, small counts suppressed
 * so that a differencing attacker holding every report of a quarter (its months and the
 * quarter, as GraphQL, JSON and CSV give them) recovers no hidden count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designations, licenseApplications, licenseTransitions, MARKINGS, type Marking } from '../../src/db/schema/index.ts';
import { isPubliclyCountable } from '../../src/policy/public-statistics.ts';
import { attackerBounds, type CountEquation, type Disclosure } from '../../src/modules/transparency/cell-suppression.ts';
import { designationsAdded } from '../support/builders.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const REPORT = `query Report($period: String!) {
  transparencyReport(period: $period) {
    period kind threshold
    tables { key withheld columns rows { label cells { value display disclosure } total { value display disclosure } } columnTotals { value display disclosure } total { value display disclosure } }
    decisionTimes { lane medianDays percentile90Days note }
  }
}`;

interface Cell {
  value: number | null;
  display: string;
  disclosure: Disclosure;
}
interface Table {
  key: string;
  withheld: string | null;
  columns: string[];
  rows: { label: string; cells: Cell[]; total: Cell }[];
  columnTotals: Cell[];
  total: Cell;
}
interface Report {
  period: string;
  threshold: number;
  tables: Table[];
  decisionTimes: { lane: string; medianDays: number | null; percentile90Days: number | null; note: string | null }[];
}

/** A deterministic spread of made-up history over the third quarter of 2026. */
function* history(): Generator<{ program: string; owner: string; day: number; marking: Marking; releasableTo: string[] | null }> {
  const programs = ['IRAN', 'RUSSIA-EO14024', 'DPRK', 'SDGT', 'CYBER2'];
  const owners = ['us-ofac', 'gb-ofsi'];
  let x = 7;
  for (let i = 0; i < 260; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const program = programs[x % 5 === 4 && x % 3 === 0 ? 4 : x % 4]!;
    yield { program, owner: owners[(x >> 3) % 2]!, day: (x >> 5) % 92, marking: i % 37 === 0 ? 'RED' : 'AMBER', releasableTo: i % 41 === 0 ? ['de-bafa'] : null };
  }
}

const Q3 = Date.UTC(2026, 6, 1);
const at = (day: number, hour = 12) => new Date(Q3 + day * 86_400_000 + hour * 3_600_000);

describe('transparency report', () => {
  let hub: TestHub;
  const anonymous = <T>(query: string, variables?: Record<string, unknown>) => hub.graphql<T>(query, variables, null);
  const report = async (period: string) => {
    const answer = await anonymous<{ transparencyReport: Report }>(REPORT, { period });
    expect(answer.errors).toBeUndefined();
    return answer.data!.transparencyReport;
  };
  const truth = { added: new Map<string, number>() };

  beforeAll(async () => {
    hub = await startTestHub();
    const rows = [...history()].map((h, i) => ({
      subjectType: 'ENTITY' as const,
      primaryName: `Example Trading ${i}`,
      primaryNameNormalized: `example trading ${i}`,
      programs: [h.program],
      status: 'ACTIVE' as const,
      ownerAgencyId: h.owner,
      marking: h.marking,
      releasableTo: h.releasableTo,
      createdAt: at(h.day),
    }));
    await hub.db.insert(designations).values(rows);
    for (const r of rows) {
      if (r.marking === 'RED' || r.releasableTo !== null) continue;
      const month = r.createdAt.toISOString().slice(0, 7);
      const key = `${month}|${r.programs[0]}|${r.ownerAgencyId}`;
      truth.added.set(key, (truth.added.get(key) ?? 0) + 1);
    }
    // Licence decisions: seven fast-track approvals in July, two denials in September.
    for (let i = 0; i < 9; i++) {
      const [application] = await hub.db
        .insert(licenseApplications)
        .values({ applicantName: `Applicant ${i}`, destinationCountry: 'AE', endUse: 'Machining', ownerAgencyId: 'de-bafa', state: i < 7 ? 'APPROVED' : 'DENIED', lane: i < 7 ? 'FAST_TRACK' : 'STANDARD_REVIEW', marking: 'AMBER' })
        .returning({ id: licenseApplications.id });
      const decidedDay = i < 7 ? 10 + i : 70 + i;
      await hub.db.insert(licenseTransitions).values([
        { applicationId: application!.id, action: 'submit', toState: 'SUBMITTED', actorAgencyId: 'de-bafa', actorUserId: 'applicant', at: at(decidedDay - 1 - i) },
        { applicationId: application!.id, action: i < 7 ? 'approve' : 'deny', fromState: 'FAST_TRACK', toState: i < 7 ? 'APPROVED' : 'DENIED', actorAgencyId: 'de-bafa', actorUserId: 'officer', at: at(decidedDay) },
      ]);
    }
  }, 120_000);
  afterAll(() => hub?.stop());

  it('needs no token and prints every figure it publishes exactly, and nothing it may not count', async () => {
    const quarter = await report('2026-Q3');
    expect(quarter).toMatchObject({ period: '2026-Q3', threshold: 5 });
    for (const month of ['2026-07', '2026-08', '2026-09']) {
      const added = (await report(month)).tables.find((t) => t.key === 'designationsAdded')!;
      for (const row of added.rows) {
        row.cells.forEach((cell, c) => {
          const expected = truth.added.get(`${month}|${row.label}|${added.columns[c]}`) ?? 0;
          if (cell.value === null) expect(cell.disclosure === 'PRIMARY' ? expected < 5 : expected >= 5).toBe(true);
          else expect(cell.value).toBe(expected);
        });
      }
    }
    // RED records and records released only to named agencies are not counted at all.
    const allAdded = [...truth.added.values()].reduce((a, b) => a + b, 0);
    const added = quarter.tables.find((t) => t.key === 'designationsAdded')!;
    expect(allAdded).toBeLessThan(260);
    if (added.total.value !== null) expect(added.total.value).toBe(allAdded);
    const decisions = quarter.tables.find((t) => t.key === 'licenseDecisions')!;
    expect(decisions.rows.map((r) => r.label)).toEqual(['APPROVED', 'DENIED']);
    expect(decisions.rows[1]!.cells.find((c) => c.value === null)!.display).toBe('<5');
    expect(quarter.decisionTimes.find((t) => t.lane === 'FAST_TRACK')).toMatchObject({ medianDays: expect.any(Number), note: null });
    expect(quarter.decisionTimes.find((t) => t.lane === 'STANDARD_REVIEW')).toMatchObject({ medianDays: null, note: 'fewer than 5 decisions' });
  });

  it('a differencing attacker holding the quarter and its three months recovers no hidden count', async () => {
    const periods = ['2026-07', '2026-08', '2026-09', '2026-Q3'];
    const reports = await Promise.all(periods.map(report));
    for (const key of reports[0]!.tables.map((t) => t.key)) {
      const tables = reports.map((r) => r.tables.find((t) => t.key === key)!);
      // Every table of this quarter can be protected, so all are printed and laid out alike.
      expect(tables.map((t) => t.withheld)).toEqual([null, null, null, null]);
      const { values, disclosure, equations } = attackerView(tables);
      // The hidden values are not in `values`, so the largest count is not known here: unbounded.
      const bounds = attackerBounds({ values, equations }, disclosure, 5, undefined, Infinity);
      disclosure.forEach((d, i) => {
        if (d !== 'PUBLISHED') expect(bounds[i]!.lo, `${key}: hidden count ${i} pinned at ${bounds[i]!.lo}`).toBeLessThan(bounds[i]!.hi);
      });
    }
  });

  it('counts a record exactly when the public counting rule of src/policy says so', async () => {
    const combinations = MARKINGS.flatMap((marking) => [null, ['gb-ofsi']].map((releasableTo) => ({ marking, releasableTo })));
    await hub.db.insert(designations).values(
      combinations.flatMap(({ marking, releasableTo }, c) =>
        Array.from({ length: 6 }, (_, i) => ({
          subjectType: 'VESSEL' as const,
          primaryName: `Counting Rule ${c}-${i}`,
          primaryNameNormalized: `counting rule ${c}-${i}`,
          programs: ['COUNTING-RULE'],
          status: 'ACTIVE' as const,
          ownerAgencyId: 'us-ofac',
          marking,
          releasableTo,
          createdAt: new Date(Date.UTC(2026, 3, 10)),
        })),
      ),
    );
    const april = (await report('2026-04')).tables.find((t) => t.key === 'designationsAdded')!;
    const row = april.rows.find((r) => r.label === 'COUNTING-RULE')!;
    expect(row.total.value).toBe(6 * combinations.filter(isPubliclyCountable).length);
    expect(combinations.filter(isPubliclyCountable).map((c) => c.marking)).toEqual(['CLEAR', 'GREEN', 'AMBER']);
  });

  it('withholds a table whole, with its reason, where no suppression protects its small counts, and still serves the report', async () => {
    // One programme, so every cell is its column's total: March's 1 and 4 make 5, and with the
    // quarter's figures they are given away however the quarter is suppressed.
    await hub.db.insert(designations).values([...designationsAdded('us-ofac', 0, 1), ...designationsAdded('us-ofac', 2, 4), ...designationsAdded('gb-ofsi', 2, 1)]);
    const tableOf = async (period: string) => (await report(period)).tables.find((t) => t.key === 'designationsAdded')!;
    const march = await tableOf('2026-03');
    expect(march.withheld).toMatch(/count under 5/);
    expect(march).toMatchObject({ columns: [], rows: [], columnTotals: [], total: { value: null, display: 'withheld', disclosure: 'WITHHELD' } });
    // The quarter minus January and February would give March back.
    expect((await tableOf('2026-Q1')).withheld).not.toBeNull();
    const january = await tableOf('2026-01');
    expect(january.withheld).toBeNull();
    expect(january.rows[0]!.cells.map((c) => c.display)).toEqual(['0', '<5']);
    const csv = (await (await fetch(`${hub.url}/transparency.csv?period=2026-03`)).text()).split('\r\n');
    expect(csv.filter((l) => l.startsWith('2026-03,designationsAdded,'))).toEqual([`2026-03,designationsAdded,Programme,TOTAL,Authority,TOTAL,,WITHHELD,${march.withheld}`]);
    const page = await (await fetch(`${hub.url}/transparency?period=2026-03`)).text();
    const section = page.slice(page.indexOf('<section id="designationsAdded">'), page.indexOf('</section>', page.indexOf('<section id="designationsAdded">')));
    expect(section).toContain('<p class="withheld"><strong>Withheld.</strong> A count under 5');
    expect(section).not.toMatch(/<table|<svg/);
  });

  it('refuses open, unknown and arbitrary periods with BAD_USER_INPUT', async () => {
    for (const period of ['2026-Q4', '2026-12', '2026-07-01..2026-07-15', 'Q3']) {
      const answer = await anonymous(REPORT, { period });
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.data).toBeNull();
    }
  });

  it('is served as JSON, CSV and a self-contained HTML page', async () => {
    const json = await fetch(`${hub.url}/transparency.json?period=2026-Q3`);
    expect(json.status).toBe(200);
    expect(((await json.json()) as Report).tables.map((t) => t.key)).toContain('licenseDecisions');
    const csv = await fetch(`${hub.url}/transparency.csv?period=2026-08`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('interlock-transparency-2026-08.csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('period,table,row_heading,row,column_heading,column,value,disclosure,note');
    expect(lines.slice(1).every((l) => l.startsWith('2026-08,'))).toBe(true);
    const html = await fetch(`${hub.url}/transparency?period=2026-Q3`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('<svg class="chart"');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const open = await fetch(`${hub.url}/transparency.json?period=2026-Q4`);
    expect(open.status).toBe(400);
    expect(((await open.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${hub.url}/transparency`, { method: 'POST' })).status).toBe(405);
  });
});

/**
 * What the attacker sees: every figure of the four tables, hidden ones unknown, and the equations
 * anyone can write down from their layout (rows, columns, grand totals, quarter = sum of months).
 */
function attackerView(tables: Table[]): { values: number[]; disclosure: Disclosure[]; equations: CountEquation[] } {
  const values: number[] = [];
  const disclosure: Disclosure[] = [];
  const equations: CountEquation[] = [];
  const add = (cell: Cell) => {
    values.push(cell.value ?? 0);
    disclosure.push(cell.disclosure);
    return values.length - 1;
  };
  const layouts = tables.map((table) => {
    const cells = table.rows.map((row) => row.cells.map(add));
    const rowTotals = table.rows.map((row) => add(row.total));
    const columnTotals = table.columnTotals.map(add);
    const grand = add(table.total);
    cells.forEach((row, r) => equations.push({ total: rowTotals[r]!, parts: row }));
    columnTotals.forEach((total, c) => equations.push({ total, parts: cells.map((row) => row[c]!) }));
    equations.push({ total: grand, parts: rowTotals }, { total: grand, parts: columnTotals });
    return [...cells.flat(), ...rowTotals, ...columnTotals, grand];
  });
  const quarter = layouts[3]!;
  quarter.forEach((q, k) => equations.push({ total: q, parts: [layouts[0]![k]!, layouts[1]![k]!, layouts[2]![k]!] }));
  // Hidden values are unknown to the attacker: attackerBounds reads only the published ones.
  return { values, disclosure, equations };
}
