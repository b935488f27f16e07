/** The GraphQL-over-HTTP conformance audits of graphql-http against a started hub: every MUST passes. */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  let hub: TestHub;
  let authorization: string;

  beforeAll(async () => {
    hub = await startTestHub();
    authorization = `Bearer ${await hub.token('us-ofac')}`;
  });
  afterAll(() => hub?.stop());

  // A signed-in partner's requests; the audits' own headers (content type, accept) are kept.
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', authorization);
    return fetch(input, { ...init, headers });
  };

  for (const audit of serverAudits({ url: () => `${hub.url}/graphql`, fetchFn })) {
    it.runIf(audit.name.startsWith('MUST'))(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
    });
  }
});
