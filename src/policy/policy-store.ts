import type { Agreement } from './agreement.ts';
import { decideAccess, type AccessDecision } from './decision.ts';

export interface AgreementSource {
  /** The terms in force given the versions applied up to `appliedSeq` (the newest version of each id). */
  inForceAsOf(appliedSeq: number): Promise<Agreement[]>;
  /** Any change to the recorded agreements changes this number. */
  lastAppliedSeq(): Promise<number>;
}

/**
 * The agreements in force, cached: the hub re-reads them only when a new version has been
 * applied (by this hub or by `interlock policies apply` elsewhere), checked at most once per
 * `recheckMs`, so a request normally pays nothing for policy loading.
 */
export class PolicyStore {
  private cached: { seq: number; agreements: Agreement[] } | undefined;
  private checkedAt = 0;
  private pending: Promise<{ seq: number; agreements: Agreement[] }> | undefined;

  constructor(
    private readonly source: AgreementSource,
    private readonly recheckMs = 1_000,
    /** The hub's clock: what "in force" is evaluated against (tests move it). */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The caller agency's access, evaluated once for its request. It carries its basis (the
   * versions it was made from and the time), so that it can be made again later.
   */
  async decisionFor(agencyId: string, now = this.clock()): Promise<AccessDecision> {
    const { seq, agreements } = await this.current();
    return decideAccess(agencyId, agreements, now, seq);
  }

  async agreements(): Promise<Agreement[]> {
    return (await this.current()).agreements;
  }

  /** Forces the next call to look for new versions (after applying agreements in this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private current(): Promise<{ seq: number; agreements: Agreement[] }> {
    if (this.cached && Date.now() - this.checkedAt < this.recheckMs) return Promise.resolve(this.cached);
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async refresh(): Promise<{ seq: number; agreements: Agreement[] }> {
    const seq = await this.source.lastAppliedSeq();
    // Read as of `seq`, not "the latest": a version applied between the two reads would
    // otherwise be in force under a basis that does not name it.
    if (!this.cached || this.cached.seq !== seq) this.cached = { seq, agreements: await this.source.inForceAsOf(seq) };
    this.checkedAt = Date.now();
    return this.cached;
  }
}
