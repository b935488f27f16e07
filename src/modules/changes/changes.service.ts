import { FEED_START } from '../../db/change-feed.ts';
import type { Database } from '../../db/client.ts';
import type { Agreement } from '../../policy/agreement.ts';
import { RECORD_TYPES, type RecordType } from '../../policy/catalogue.ts';
import { decideAccess, grantsFingerprint, type AccessDecision, type DecisionBasis } from '../../policy/decision.ts';
import type { Viewer } from '../../policy/viewer.ts';
import { walkDiff } from './agreement-diff.ts';
import type { ChangesPage, RecordSources, ShareableRow } from './change.ts';
import { DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE, MAX_PEER_HUB_PAGE, openCursor, sealCursor, type ChangesCursorState, type CursorBinding } from './changes-cursor.ts';
import { ChangesErrors } from './changes.errors.ts';
import { ChangesRepository } from './changes.repository.ts';
import { walkFeed, type FeedReader } from './feed-window.ts';

export interface ChangesRequest {
  /** The cursor of a previous answer; from the start of the feed when omitted. */
  readonly after?: string | null;
  readonly first?: number | null;
  /** Only these record types; all when omitted. */
  readonly types?: readonly RecordType[] | null;
}

export interface ChangesServiceOptions {
  /** The terms in force once the agreement versions up to `appliedSeq` were applied. */
  readonly agreementsAsOf: (appliedSeq: number) => Promise<Agreement[]>;
  readonly records: RecordSources;
  /** AES-256 key sealing cursors. */
  readonly cursorKey: Uint8Array;
}

/** Agreement sets kept for remaking past decisions: a follower's cursor names one or two. */
const REMEMBERED_AGREEMENT_SETS = 16;

/**
 * The change feed as one caller may see it (docs/sync.md §2): upserts of records as a query
 * of them would answer now, withdrawals of records it may have held and may no longer see,
 * first the difference an agreement change made, then the hub feed after the cursor.
 */
export class ChangesService {
  private readonly repository: ChangesRepository;
  private readonly agreementSets = new Map<number, Promise<Agreement[]>>();

  constructor(
    db: Database,
    private readonly options: ChangesServiceOptions,
  ) {
    if (options.cursorKey.length !== 32) throw new Error('the changes cursor key must be 32 bytes');
    this.repository = new ChangesRepository(db);
  }

  /** One page of the viewer's changes, as GraphQL `changes` answers. */
  changesFor(viewer: Viewer, request: ChangesRequest = {}): Promise<ChangesPage> {
    return this.page(viewer, request, MAX_CHANGES_PAGE);
  }

  /** The same page for a sync bundle, which may be larger (MAX_PEER_HUB_PAGE); the same rules decide it. */
  changesForPeerHub(viewer: Viewer, request: ChangesRequest = {}): Promise<ChangesPage> {
    return this.page(viewer, request, MAX_PEER_HUB_PAGE);
  }

  private async page(viewer: Viewer, request: ChangesRequest, largest: number): Promise<ChangesPage> {
    const limit = request.first ?? DEFAULT_CHANGES_PAGE;
    if (!Number.isInteger(limit) || limit < 0 || limit > largest) throw ChangesErrors.badPageSize();
    const types = requestedTypes(request.types);
    const binding: CursorBinding = { agencyId: viewer.caller.agencyId, types };
    const now = viewer.access;
    if (!now.basis || now.agencyId !== viewer.caller.agencyId) throw new Error('the change feed needs a decision made by the policy store');
    const start = request.after == null ? initialState(now.basis) : openCursor(this.options.cursorKey, binding, request.after);
    if (!start) throw ChangesErrors.badCursor();

    const reader = this.readerFor(viewer, types);
    const { held, diff } = await this.settle(viewer.caller.agencyId, start, now, types);
    const changes = [];
    if (diff) {
      const differing = types.filter((type) => held.decisions.some((d) => grantsFingerprint(d, type) !== grantsFingerprint(now, type)));
      const step = await walkDiff(reader, viewer, held.decisions, start.position, differing, diff.after, limit);
      changes.push(...step.changes);
      if (!step.done) {
        const state = { position: start.position, held: held.bases, diff: { target: now.basis, after: step.after } };
        return { changes, cursor: sealCursor(this.options.cursorKey, binding, state), hasMore: true };
      }
    }
    const page = await walkFeed(reader, viewer, start.position, { limit: limit - changes.length });
    changes.push(...page.changes);
    let end = page.end;
    let hasMore = false;
    if (page.full) {
      const ahead = await walkFeed(reader, viewer, page.end, 'look-ahead');
      hasMore = ahead.ready;
      // Nothing for the caller up to the end of what has committed: it may pass over all of it.
      if (!hasMore) end = ahead.end;
    }
    const state: ChangesCursorState = { position: end, held: [now.basis], diff: null };
    return { changes, cursor: sealCursor(this.options.cursorKey, binding, state), hasMore };
  }

  /**
   * How many changes the viewer would be given after `after`: the pages it would read, counted
   * (so exactly what `changesFor` releases, decided the same way), up to `atMost`. For a peer's
   * lag (`interlock sync status`): `complete` is false when there are at least `atMost`.
   */
  async pendingFor(viewer: Viewer, request: Omit<ChangesRequest, 'first'>, atMost: number): Promise<{ changes: number; complete: boolean }> {
    let after = request.after ?? null;
    let changes = 0;
    for (;;) {
      const page = await this.changesFor(viewer, { after, types: request.types ?? null, first: Math.min(MAX_CHANGES_PAGE, Math.max(1, atMost - changes)) });
      changes += page.changes.length;
      if (!page.hasMore) return { changes, complete: true };
      if (changes >= atMost) return { changes, complete: false };
      after = page.cursor;
    }
  }

  /**
   * Whether the follower must first be moved between decisions: when one it holds records
   * under releases `types` differently from the decision now. A move interrupted by another
   * agreement change starts again, with the decision it was moving to added to those held.
   */
  private async settle(agencyId: string, state: ChangesCursorState, now: AccessDecision, types: readonly RecordType[]) {
    const same = (d: AccessDecision) => types.every((type) => grantsFingerprint(d, type) === grantsFingerprint(now, type));
    let bases = [...state.held];
    let after = state.diff?.after ?? null;
    if (state.diff && !same(await this.decisionAt(agencyId, state.diff.target))) {
      bases = await this.distinct(agencyId, [...bases, state.diff.target], types);
      after = null;
    }
    const decisions = await Promise.all(bases.map((basis) => this.decisionAt(agencyId, basis)));
    const moving = state.diff !== null || !decisions.every(same);
    return { held: { bases, decisions }, diff: moving ? { after } : null };
  }

  /** `bases` without those deciding `types` like an earlier one. */
  private async distinct(agencyId: string, bases: readonly DecisionBasis[], types: readonly RecordType[]): Promise<DecisionBasis[]> {
    const seen = new Set<string>();
    const kept: DecisionBasis[] = [];
    for (const basis of bases) {
      const decision = await this.decisionAt(agencyId, basis);
      const fingerprint = types.map((type) => grantsFingerprint(decision, type)).join('\u0001');
      if (!seen.has(fingerprint)) kept.push(basis);
      seen.add(fingerprint);
    }
    return kept;
  }

  /** The decision the policy store made for `agencyId` on `basis`, made again. */
  private async decisionAt(agencyId: string, basis: DecisionBasis): Promise<AccessDecision> {
    return decideAccess(agencyId, await this.agreementsAsOf(basis.agreementsSeq), basis.at, basis.agreementsSeq);
  }

  private agreementsAsOf(seq: number): Promise<Agreement[]> {
    let set = this.agreementSets.get(seq);
    if (!set) {
      set = this.options.agreementsAsOf(seq);
      set.catch(() => this.agreementSets.delete(seq));
      this.agreementSets.set(seq, set);
      if (this.agreementSets.size > REMEMBERED_AGREEMENT_SETS) this.agreementSets.delete(this.agreementSets.keys().next().value!);
    }
    return set;
  }

  private readerFor(viewer: Viewer, types: readonly RecordType[]) {
    const repository = this.repository;
    const records = this.options.records;
    const reader: FeedReader & Parameters<typeof walkDiff>[0] = {
      read: (after, limit) => repository.entriesAfter(after, viewer.access, types, limit),
      latestAtOrBefore: (position, keys) => repository.latestAtOrBefore(position, keys),
      visibleAsOf: (type, position, decisions, afterId, limit) => repository.visibleAsOf(type, position, decisions, afterId, limit),
      currentVisible: async (type, ids) => new Map((await records[type](viewer, ids)).map((row): [string, ShareableRow] => [row.id, row])),
    };
    return reader;
  }
}

const initialState = (basis: DecisionBasis): ChangesCursorState => ({ position: FEED_START, held: [basis], diff: null });

function requestedTypes(types: readonly RecordType[] | null | undefined): RecordType[] {
  if (types == null) return [...RECORD_TYPES];
  if (types.length === 0) throw ChangesErrors.emptyTypes();
  return RECORD_TYPES.filter((type) => types.includes(type));
}
