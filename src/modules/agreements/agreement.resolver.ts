import { Ctx, Query, Resolver } from 'type-graphql';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import type { AppContext } from '../../kernel/context.ts';
import { requireViewer } from '../../kernel/context.ts';
import { SharingAgreement } from './agreement.types.ts';

@Resolver(() => SharingAgreement)
export class AgreementResolver {
  @Query(() => [SharingAgreement], { description: 'The agreements your agency is a party to, newest version of each.' })
  @AuthenticatedOperation()
  agreements(@Ctx() ctx: AppContext): Promise<SharingAgreement[]> {
    return ctx.services.agreements.describeFor(requireViewer(ctx));
  }
}
