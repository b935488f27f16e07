import type { GraphQLResponse, TestHub } from '../hub.ts';

/** Roles as the test hub mints them (kept off the server's own modules, which are moving). */
export type Role = NonNullable<Parameters<TestHub['token']>[1]>[number];

/** One request a test made and the whole answer it got, as text. */
export interface Exchange {
  readonly agency: string;
  readonly request: string;
  readonly answer: string;
}

/**
 * A test hub that keeps every answer each agency received, so that a test can check, at the
 * end, that no value withheld from an agency reached it through any door it did not think of.
 */
export class RecordedHub {
  readonly exchanges: Exchange[] = [];

  constructor(
    readonly hub: TestHub,
    private readonly roles: Role[],
  ) {}

  async ask<T = Record<string, unknown>>(agency: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const answer = await this.hub.graphql<T>(query, variables, { agency, roles: this.roles });
    this.exchanges.push({ agency, request: query + JSON.stringify(variables), answer: JSON.stringify(answer) });
    return answer;
  }

  /** Like `ask`, failing with the errors when there are any. */
  async must<T = Record<string, unknown>>(agency: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.ask<T>(agency, query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(`${agency}: ${query.slice(0, 80)}…: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }
}

/** Runs `work` over `items`, `width` at a time, in order of results. */
export async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}
