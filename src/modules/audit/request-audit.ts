import type { GraphQLSchema } from 'graphql';
import { getNamedType } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import type { Caller } from '../../auth/caller.ts';
import type { RecordWrite, RequestAuditTrail } from '../../policy/audit-trail.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import type { AccessDecision, ShareableRecord } from '../../policy/decision.ts';
import { documentHash, redactVariables, type ReleasedRecords, type RequestEntry } from './audit-entry.ts';

/**
 * A set of released fields, shared by every record released with the same fields: the records of
 * a page are asked the same fields in the same order, so they walk the same few shapes, and the
 * entry sorts and groups per shape instead of per record.
 */
class FieldShape {
  /** The shape with one field more, for each field asked; a field already held leads back here (one lookup per field). */
  private readonly next = new Map<string, FieldShape>();
  private sortedFields: { names: string[]; joined: string } | undefined;
  constructor(readonly fields: ReadonlySet<string>) {}

  with(field: string): FieldShape {
    let shape = this.next.get(field);
    if (shape === undefined) {
      shape = this.fields.has(field) ? this : new FieldShape(new Set([...this.fields, field]));
      this.next.set(field, shape);
    }
    return shape;
  }

  /** The fields sorted, and as one string: shapes reached in different orders hold the same set. */
  sorted(): { names: string[]; joined: string } {
    if (this.sortedFields === undefined) {
      const names = [...this.fields].sort();
      this.sortedFields = { names, joined: names.join(',') };
    }
    return this.sortedFields;
  }
}

interface ReleasedGroup {
  readonly type: string;
  readonly owner: string;
  readonly fields: string[];
  /** The shape's sorted fields: shapes with the same set of fields may be different objects, so a miss falls back to the key. */
  readonly sortedFields: { names: string[]; joined: string };
  readonly agreements: readonly string[];
  readonly ids: string[];
}

const sameItems = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

interface Released {
  readonly type: RecordType;
  readonly record: ShareableRecord;
  shape: FieldShape;
}

/**
 * One request's audit entry while the request runs: the field mask reports every field it
 * releases (a map lookup or two per field, so a 500-record page stays cheap) and the write wrapper
 * every record written. The entry is made once, when the response is ready.
 */
export class RequestAudit implements RequestAuditTrail {
  private readonly byRecord = new Map<object, Released>();
  private readonly noFields = new FieldShape(new Set());
  /** The record the last field belonged to: graphql-js resolves a record's fields one after another. */
  private last: Released | undefined;
  private readonly writes: RecordWrite[] = [];

  released(type: RecordType, record: ShareableRecord, field: string): void {
    let released = this.last?.record === record && this.last.type === type ? this.last : this.byRecord.get(record);
    if (released === undefined) {
      released = { type, record, shape: this.noFields };
      this.byRecord.set(record, released);
    }
    released.shape = released.shape.with(field);
    this.last = released;
  }

  wrote(write: RecordWrite): void {
    this.writes.push(write);
  }

  /** The records released (a record reached twice in a response counts once with all its fields), grouped by what was released under which agreements. */
  releasedRecords(access: AccessDecision): ReleasedRecords[] {
    const byType = new Map<RecordType, Map<string, Released>>();
    for (const released of this.byRecord.values()) {
      let records = byType.get(released.type);
      if (records === undefined) byType.set(released.type, (records = new Map()));
      const id = String(released.record.id);
      const known = records.get(id);
      if (known === undefined) records.set(id, released);
      else records.set(id, { ...known, shape: [...released.shape.fields].reduce((shape, field) => shape.with(field), known.shape) });
    }
    const groups = new Map<string, ReleasedGroup>();
    // The records of a page mostly fall in the group of the record before: compared, not keyed.
    let last: ReleasedGroup | undefined;
    for (const [type, records] of byType) {
      for (const { record, shape } of records.values()) {
        const fields = shape.sorted();
        const agreements = access.releasingAgreements(type, record, fields.names);
        const id = String(record.id);
        if (last && last.type === type && last.owner === record.ownerAgencyId && last.sortedFields === fields && sameItems(last.agreements, agreements)) {
          last.ids.push(id);
          continue;
        }
        const key = `${type}\u0000${record.ownerAgencyId}\u0000${fields.joined}\u0000${agreements.join(',')}`;
        last = groups.get(key);
        if (last) last.ids.push(id);
        else groups.set(key, (last = { type, owner: record.ownerAgencyId, fields: fields.names, sortedFields: fields, agreements, ids: [id] }));
      }
    }
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units, as `compare` does.
    return [...groups.values()]
      .map(({ type, owner, fields, agreements, ids }) => ({ type, owner, fields, agreements, ids: ids.sort() }))
      .sort((a, b) => compare(a.type, b.type) || compare(a.owner, b.owner) || compare(a.ids[0]!, b.ids[0]!));
  }

  entry(request: {
    requestId: string;
    caller: Caller;
    access: AccessDecision;
    operationName: string | null;
    operationType: string | null;
    query: string | undefined;
    variables: unknown;
    errorCodes: readonly string[];
    hasData: boolean;
  }): RequestEntry {
    const errorCodes = [...new Set(request.errorCodes)].sort();
    return {
      kind: 'request',
      requestId: request.requestId,
      agency: request.caller.agencyId,
      user: request.caller.userId,
      roles: [...request.caller.roles].sort(),
      operation: { name: request.operationName, type: request.operationType, documentHash: request.query === undefined ? null : documentHash(request.query) },
      variables: redactVariables(request.variables ?? {}),
      outcome: errorCodes.length === 0 ? 'ok' : request.hasData ? 'partial' : 'error',
      errorCodes,
      released: this.releasedRecords(request.access),
      writes: this.writes,
    };
  }
}

interface WrittenRow {
  id?: unknown;
  ownerAgencyId?: unknown;
  version?: unknown;
}

/**
 * Every mutation returns the record it wrote; this tells the request's audit trail which one,
 * with the version the caller said it read (its `version` or `expectedVersion`, which the
 * service checked) and the version written.
 */
const recordWrite: IMiddlewareFunction = async (resolve, parent, args, ctx: { audit?: RequestAuditTrail }, info) => {
  const result = (await resolve(parent, args, ctx, info)) as WrittenRow | null | undefined;
  if (ctx.audit && result && typeof result === 'object' && typeof result.id === 'string' && typeof result.ownerAgencyId === 'string') {
    const input = ((args as { input?: Record<string, unknown> }).input ?? {}) as Record<string, unknown>;
    const before = typeof input.version === 'number' ? input.version : typeof input.expectedVersion === 'number' ? input.expectedVersion : null;
    ctx.audit.wrote({
      type: getNamedType(info.returnType).name,
      id: result.id,
      owner: result.ownerAgencyId,
      before,
      after: typeof result.version === 'number' ? result.version : null,
    });
  }
  return result;
};

export function recordWrites(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  return applyMiddleware(schema, { Mutation: Object.fromEntries(Object.keys(mutation.getFields()).map((name) => [name, recordWrite])) });
}
