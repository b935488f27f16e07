import { sql } from 'drizzle-orm';
import { Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { queryRows, type Database } from '../../db/client.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';

/** Only ever returned to the record's owner: readable whole by it. */
@ObjectType({ description: "One of your agency's records whose review date falls within the period asked, or has passed." })
export class ReviewDue {
  @Field(() => String, { description: 'Designation or ControlListEntry.' })
  recordType!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Primary name or classification code and title.' })
  title!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  reviewDate!: string;

  @Field(() => Boolean, { description: 'The review date has passed (the records `reviewOverdue: true` selects).' })
  overdue!: boolean;
}

@ArgsType()
class ReviewsDueArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Days ahead, 0 to 366.' })
  days!: number;
}

const MAX_DAYS = 366;

/** The caller's own records in force whose review falls within `days` from today, overdue ones included, soonest first. */
export async function reviewsDue(db: Database, ownerAgencyId: string, days: number): Promise<ReviewDue[]> {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) throw invalidInput('days', `must be between 0 and ${MAX_DAYS}`);
  return queryRows<ReviewDue>(
    db,
    sql`SELECT * FROM (
          SELECT 'Designation' AS "recordType", id::text AS id, primary_name AS title, review_due_date::text AS "reviewDate",
                 review_due_date < current_date AS overdue
          FROM designations
          WHERE owner_agency_id = ${ownerAgencyId} AND status <> 'DELISTED' AND review_due_date <= current_date + ${days}::int
          UNION ALL
          SELECT 'ControlListEntry', id::text, classification_code || ' ' || title, review_date::text, review_date < current_date
          FROM control_list_entries
          WHERE owner_agency_id = ${ownerAgencyId} AND status = 'ACTIVE' AND review_date <= current_date + ${days}::int
        ) due ORDER BY "reviewDate", "recordType", id LIMIT 1000`,
  );
}

@Resolver(() => ReviewDue)
export class ReviewsDueResolver {
  @Query(() => [ReviewDue], { description: "Reminders: your agency's designations and control-list entries whose review is due within `days` (default 30) or overdue, soonest first (at most 1,000)." })
  @AuthenticatedOperation()
  reviewsDue(@Args(() => ReviewsDueArgs) args: ReviewsDueArgs, @Ctx() ctx: AppContext) {
    return ctx.services.governance.reviewsDue(requireViewer(ctx).caller.agencyId, args.days);
  }
}

export class GovernanceService {
  constructor(private readonly db: Database) {}

  reviewsDue(ownerAgencyId: string, days: number): Promise<ReviewDue[]> {
    return reviewsDue(this.db, ownerAgencyId, days);
  }
}
