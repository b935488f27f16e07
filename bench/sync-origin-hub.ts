/**
 * Hub A of the sync benchmark (bench/sync.bench.ts), the origin: a hub of its own, in this
 * process or in a child process of its own as a real allied hub would be, holding `count`
 * designations released to gb-ofsi. Run as a child, it is driven over the IPC channel.
 */
import 'reflect-metadata';
import { sql } from 'drizzle-orm';
import type { AgreementFile } from '../src/policy/agreement-files.ts';
import { DesignationRepository } from '../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../src/modules/seed/designation-generator.ts';
import { startTestHub, type TestHub } from '../test/support/hub.ts';
import { connectPeers } from '../test/support/sync/peering.ts';

export const SYNC_AGREEMENT: AgreementFile = {
  id: 'bench-sync',
  title: 'identity and listing of every designation',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening', 'hub-sync'],
  validFrom: '2026-01-01T00:00:00Z',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['identity', 'listing'] }],
};
export const WRITE_BATCH = 1_000;

/** What hub B needs of hub A to declare it as a peer and pull from it. */
export interface OriginHubAddress {
  readonly url: string;
  readonly issuer: string;
  readonly hubJwks: unknown;
}

export interface OriginHubRequest {
  /** Hub B's keys directory: A trusts gb-ofsi's tokens as B's keys sign them (B pulls with one). */
  readonly receiverKeysDir: string;
  readonly receiver: { readonly issuer: string; readonly hubJwks: unknown };
}

export interface OriginHub extends OriginHubAddress {
  /** A's own bulk write of `count` designations, in batches of 1,000 (the path imports and seeding use); seconds. */
  write(count: number): Promise<number>;
  /** A new version of the first `count` designations. */
  amend(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startOriginHub(request: OriginHubRequest): Promise<OriginHub> {
  const a: TestHub = await startTestHub({
    sync: { issuer: 'http://bench-hub-a.test/' },
    agreements: [SYNC_AGREEMENT],
    trustAgencyKeysOf: { keysDir: request.receiverKeysDir, agencies: ['gb-ofsi'] },
  });
  await connectPeers(a, [{ id: 'hub-b', hub: request.receiver, originFor: ['gb-ofsi'] }]);
  return {
    url: a.url,
    issuer: a.issuer!,
    hubJwks: a.hubJwks,
    async write(count) {
      const started = performance.now();
      for (let from = 0; from < count; from += WRITE_BATCH) {
        const records: Parameters<DesignationRepository['insertMany']>[0][number][] = [];
        for (let i = from; i < Math.min(count, from + WRITE_BATCH); i++) {
          const d = demoDesignation(7, i);
          records.push({ ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } });
        }
        await a.db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));
      }
      return (performance.now() - started) / 1000;
    },
    async amend(count) {
      await a.db.execute(
        sql`UPDATE designations SET remarks = 'amended', version = version + 1, updated_at = now()
            WHERE id IN (SELECT id FROM designations ORDER BY id LIMIT ${count})`,
      );
    },
    stop: () => a.stop(),
  };
}

type Command = { readonly call: 'start'; readonly request: OriginHubRequest } | { readonly call: 'write' | 'amend'; readonly count: number } | { readonly call: 'stop' };

/** Hub A in a child process: each IPC command answered with `{ ok, value }` or `{ ok: false, error }`. */
if (process.send && process.argv[2] === '--child') {
  let hub: OriginHub | undefined;
  process.on('message', (command: Command) => {
    const run = async (): Promise<unknown> => {
      if (command.call === 'start') {
        hub = await startOriginHub(command.request);
        return { url: hub.url, issuer: hub.issuer, hubJwks: hub.hubJwks };
      }
      if (!hub) throw new Error('hub A is not started');
      if (command.call === 'write') return hub.write(command.count);
      if (command.call === 'amend') return hub.amend(command.count);
      await hub.stop();
      return null;
    };
    run().then(
      (value) => process.send!({ ok: true, value }, () => command.call === 'stop' && process.disconnect()),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
}
