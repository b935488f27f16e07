import { Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import { AccessLogArgs, AccessLogConnection, AccessLogEntry, AuditConsistencyProof, AuditInclusionProof, AuditTreeHead } from './audit.types.ts';

@ArgsType()
class AuditProofArgs {
  @Field(() => Int, { description: 'The entry (its index in the log).' })
  entry!: number;

  @Field(() => Int, { nullable: true, description: 'The tree size to prove against: the latest signed tree head when omitted.' })
  treeSize?: number | null;
}

@ArgsType()
class AuditConsistencyArgs {
  @Field(() => Int, { description: 'The size of the older tree head (the one you kept).' })
  from!: number;

  @Field(() => Int, { description: 'The size of the newer tree head.' })
  to!: number;
}

@Resolver(() => AccessLogEntry)
export class AuditResolver {
  @Query(() => AuditTreeHead, { nullable: true, description: "The audit log's latest signed tree head." })
  @AuthenticatedOperation()
  auditTreeHead(@Ctx() ctx: AppContext) {
    requireViewer(ctx);
    return ctx.services.audit.latestTreeHead();
  }

  @Mutation(() => AuditTreeHead, { description: 'Signs a tree head for the audit log as it is now (the hub also does so at a regular interval).' })
  @AuthenticatedOperation()
  publishAuditTreeHead(@Ctx() ctx: AppContext) {
    requireViewer(ctx);
    return ctx.services.audit.publishTreeHead();
  }

  @Query(() => AuditInclusionProof, { description: 'RFC 9162 inclusion proof of an audit entry in a tree head.' })
  @AuthenticatedOperation()
  auditProof(@Args(() => AuditProofArgs) args: AuditProofArgs, @Ctx() ctx: AppContext) {
    return ctx.services.audit.inclusionProof(requireViewer(ctx), args.entry, args.treeSize);
  }

  @Query(() => AuditConsistencyProof, { description: 'RFC 9162 consistency proof between two tree heads: nothing before the older one was rewritten.' })
  @AuthenticatedOperation()
  auditConsistency(@Args(() => AuditConsistencyArgs) args: AuditConsistencyArgs, @Ctx() ctx: AppContext) {
    requireViewer(ctx);
    return ctx.services.audit.consistencyProof(args.from, args.to);
  }

  @Query(() => AccessLogConnection, {
    description: "Who was given your agency's records (any agency's requests), and what your agency was given (its own requests): one row per record per request, oldest first.",
  })
  @AuthenticatedOperation()
  accessLog(@Args(() => AccessLogArgs) args: AccessLogArgs, @Ctx() ctx: AppContext) {
    return ctx.services.audit.accessLog(requireViewer(ctx), args);
  }

  @Query(() => String, { description: 'The access log as CSV (RFC 4180), up to 10,000 rows (`first`) from `after` on.' })
  @AuthenticatedOperation()
  accessLogCsv(@Args(() => AccessLogArgs) args: AccessLogArgs, @Ctx() ctx: AppContext) {
    return ctx.services.audit.accessLogCsv(requireViewer(ctx), args);
  }
}
