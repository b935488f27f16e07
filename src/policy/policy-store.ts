import type { Agreement } from './agreement.ts';
import { decideAccess, type AccessDecision } from './decision.ts';

export interface AgreementSource {
  inForce(): Promise<Agreement[]>;
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
  private pending: Promise<Agreement[]> | undefined;

  constructor(
    private readonly source: AgreementSource,
    private readonly recheckMs = 1_000,
  ) {}

  /** The caller agency's access, evaluated once for its request. */
  async decisionFor(agencyId: string, now = new Date()): Promise<AccessDecision> {
    return decideAccess(agencyId, await this.agreements(), now);
  }

  agreements(): Promise<Agreement[]> {
    if (this.cached && Date.now() - this.checkedAt < this.recheckMs) return Promise.resolve(this.cached.agreements);
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forces the next call to look for new versions (after applying agreements in this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<Agreement[]> {
    const seq = await this.source.lastAppliedSeq();
    if (!this.cached || this.cached.seq !== seq) {
      this.cached = { seq, agreements: await this.source.inForce() };
    }
    this.checkedAt = Date.now();
    return this.cached.agreements;
  }
}
