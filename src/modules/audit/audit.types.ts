import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { DateTime } from '../../kernel/scalars.ts';

@ObjectType({ description: "A signed tree head: the hub's commitment to the first `treeSize` entries of its audit log." })
export class AuditTreeHead {
  @Field(() => Int)
  treeSize!: number;

  @Field(() => String, { description: 'RFC 9162 Merkle tree hash (SHA-256, hex) of the first treeSize entries.' })
  rootHash!: string;

  @Field(() => DateTime)
  signedAt!: Date;

  @Field(() => String, { nullable: true, description: "Compact JWS (EdDSA, the hub key published at /.well-known/jwks.json, typ interlock-audit-tree-head+jws) over the canonical JSON {log, treeSize, rootHash, timestamp}; null when the hub has no signing key." })
  signature!: string | null;
}

@ObjectType({ description: 'RFC 9162 inclusion proof: the audit path from an entry\u2019s leaf to the root of a tree head.' })
export class AuditInclusionProof {
  @Field(() => Int)
  entry!: number;

  @Field(() => Int)
  treeSize!: number;

  @Field(() => String, { description: 'SHA-256(0x00 ‖ canonical JSON of the entry), hex.' })
  leafHash!: string;

  @Field(() => [String], { description: 'Node hashes, hex, leaf to root.' })
  path!: string[];

  @Field(() => AuditTreeHead, { nullable: true, description: 'The stored tree head of this size, if one was published.' })
  treeHead!: AuditTreeHead | null;

  @Field(() => String, { nullable: true, description: 'The entry itself (canonical JSON): only for the agency whose request it records.' })
  entryText!: string | null;
}

@ObjectType({ description: 'RFC 9162 consistency proof: the tree of `from` entries is a prefix of the tree of `to`.' })
export class AuditConsistencyProof {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => [String], { description: 'Node hashes, hex.' })
  proof!: string[];
}

@ObjectType({ description: 'One record released in one request: who asked, and exactly which fields left the hub under which agreements.' })
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The audit entry recording the request (see auditProof).' })
  entry!: number;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { description: 'The agency that asked.' })
  agency!: string;

  @Field(() => String, { nullable: true })
  user!: string | null;

  @Field(() => String, { nullable: true })
  operation!: string | null;

  @Field(() => String)
  recordType!: string;

  @Field(() => String)
  recordId!: string;

  @Field(() => String, { description: 'The owning agency of the record.' })
  owner!: string;

  @Field(() => [String], { description: 'The fields released.' })
  fields!: string[];

  @Field(() => [String], { description: 'The agreements that released them (`owner` for the owner\u2019s own reads).' })
  agreements!: string[];
}

export const AccessLogConnection = ConnectionType('AccessLog', AccessLogEntry);

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only accesses to this record.' })
  recordId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Only accesses at or after this time.' })
  since?: Date | null;

  @Field(() => String, { nullable: true, description: 'Only requests of this agency.' })
  agency?: string | null;
}
