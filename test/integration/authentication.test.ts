/** Tokens a partner might send, good and bad, over real HTTP: only well-formed, trusted ones get data. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';

const ISSUER = 'https://us-ofac.agencies.interlock.local/';
const QUERY = '{ designations(first: 1) { totalCount } }';

describe('authentication over HTTP', () => {
  let hub: TestHub;
  let ofacKey: CryptoKey;
  let ofacKid: string;
  let ofacPublicJwk: JWK;

  beforeAll(async () => {
    hub = await startTestHub();
    const privateJwk = JSON.parse(await fs.readFile(path.join(hub.keysDir, 'us-ofac.private.jwk.json'), 'utf8')) as JWK;
    ofacKey = (await importJWK(privateJwk, 'ES256')) as CryptoKey;
    ofacKid = privateJwk.kid!;
    const { d: _d, ...publicJwk } = privateJwk;
    ofacPublicJwk = publicJwk;
  });
  afterAll(() => hub?.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: JWTPayload = {}): JWTPayload =>
    Object.fromEntries(
      Object.entries({ iss: ISSUER, aud: 'interlock-hub', sub: 'alice', iat: now(), exp: now() + 600, roles: ['analyst'], ...overrides }).filter(
        ([, v]) => v !== undefined,
      ),
    );
  const sign = (payload: JWTPayload, header: Record<string, unknown> = {}, key: CryptoKey = ofacKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: ofacKid, typ: 'at+jwt', ...header }).sign(key);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const ask = (authorization: string) => hub.graphql<{ designations: { totalCount: number } }>(QUERY, {}, { authorization });

  it('accepts a valid token from a trusted issuer', async () => {
    const answer = await ask(`Bearer ${await sign(claims())}`);
    expect(answer.status).toBe(200);
    expect(answer.data?.designations.totalCount).toBe(0);
  });

  it('answers a request without a token with UNAUTHENTICATED and no data', async () => {
    const answer = await hub.graphql(QUERY, {}, null);
    expect(answer.data).toBeNull();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  const attacks: [string, () => Promise<string>, string][] = [
    ['forged: signed by another key under the same kid', async () => sign(claims(), {}, (await generateKeyPair('ES256')).privateKey), 'invalid signature'],
    ['expired', () => sign(claims({ exp: now() - 3_600, iat: now() - 7_200 })), 'token expired'],
    ['not yet valid', () => sign(claims({ nbf: now() + 3_600 })), 'token not yet valid'],
    ['without exp', () => sign(claims({ exp: undefined })), 'token lacks a required claim'],
    ['for another audience', () => sign(claims({ aud: 'some-other-service' })), 'token audience not accepted'],
    ['of the wrong type', () => sign(claims(), { typ: 'JWT' }), 'token type not accepted'],
    ['unsigned (alg: none)', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`, 'algorithm not accepted'],
    [
      'HS256 keyed with the issuer public key',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: ofacKid, typ: 'at+jwt' })
          .sign(new TextEncoder().encode(JSON.stringify(ofacPublicJwk))),
      'algorithm not accepted',
    ],
    ['from an unknown issuer', () => sign(claims({ iss: 'https://evil.example/' })), 'untrusted issuer'],
    [
      'with an unknown kid',
      async () => {
        const other = await generateKeyPair('ES256');
        const kid = await calculateJwkThumbprint(await exportJWK(other.publicKey));
        return sign(claims(), { kid }, other.privateKey);
      },
      'unknown signing key',
    ],
    ['claiming another agency', () => sign(claims({ agency: 'gb-ofsi' })), 'token agency does not match its issuer'],
    ['minted to live a week (over the 24 h default maximum)', () => sign(claims({ iat: now() - 60, exp: now() + 7 * 86_400 })), 'token lifetime exceeds the issuer maximum'],
  ];

  it.each(attacks)('refuses a token %s with 401 UNAUTHENTICATED and a reason that leaks no key', async (_name, make, reason) => {
    const token = await make();
    const answer = await ask(`Bearer ${token}`);
    expect(answer.status).toBe(401);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({ message: reason, extensions: { code: 'UNAUTHENTICATED' } });
    const body = JSON.stringify(answer);
    expect(body).not.toContain(token.slice(0, 20));
    expect(body).not.toContain(String(ofacPublicJwk.x));
  });

  it('refuses a malformed header', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt']) {
      const answer = await ask(header);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
