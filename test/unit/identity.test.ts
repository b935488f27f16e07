import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityVerifier } from '../../src/auth/identity.ts';
import type { IssuerKeys, TrustConfig, TrustedIssuer } from '../../src/auth/trust.ts';
import { AppError } from '../../src/lib/errors.ts';

const ISSUER = 'https://id.us-ofac.example/';
const AUDIENCE = 'interlock-hub';
const NOW = new Date('2030-01-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' }, kid };
}

function trustedIssuer(keys: IssuerKeys, overrides: Partial<TrustedIssuer> = {}): TrustedIssuer {
  return { agency: 'us-ofac', issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], tokenType: 'at+jwt', maxTokenLifetimeSeconds: 24 * 3_600, keys, ...overrides };
}

const trustOf = (...issuers: TrustedIssuer[]): TrustConfig => ({ file: '/test/trust.yaml', issuers });

const standardClaims = (): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'alice',
  iat: nowSeconds - 60,
  nbf: nowSeconds - 60,
  exp: nowSeconds + 600,
  roles: ['analyst'],
});

/** Signs `claims` (undefined values dropped) as an ES256 access token. */
function sign(key: SigningKey, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const payload = Object.fromEntries(Object.entries({ ...standardClaims(), ...claims }).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt', ...header }).sign(key.privateKey);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('UNAUTHENTICATED');
  return error as AppError;
}

describe('createIdentityVerifier', () => {
  let ofac: SigningKey;
  let forger: SigningKey;
  let trust: TrustConfig;
  const verifier = () => createIdentityVerifier(trust, { now: () => NOW });
  const expectRejected = async (token: string, reason: string, message?: string) => {
    const error = await rejection(verifier().verify(`Bearer ${token}`));
    expect(error.details.reason).toBe(reason);
    if (message) expect(error.message).toBe(message);
    // Messages are stable, short and never echo the token or any key material.
    expect(error.message).not.toContain(token.slice(0, 20));
    expect(error.message.length).toBeLessThan(60);
    return error;
  };

  beforeAll(async () => {
    ofac = await newSigningKey();
    forger = await newSigningKey();
    trust = trustOf(trustedIssuer({ kind: 'jwks', jwks: { keys: [ofac.publicJwk] } }));
  });

  it('turns a valid token into the caller its issuer speaks for', async () => {
    const caller = await verifier().verify(`Bearer ${await sign(ofac, { roles: ['analyst', 'licensing_officer'] })}`);
    expect(caller).toEqual({ agencyId: 'us-ofac', userId: 'alice', roles: ['analyst', 'licensing_officer'] });
    expect(Object.isFrozen(caller)).toBe(true);
  });

  it('remembers a verified token until its own expiry and never past it', async () => {
    let now = NOW;
    const hub = createIdentityVerifier(trust, { now: () => now, clockToleranceSeconds: 30 });
    const token = await sign(ofac, { exp: nowSeconds + 60 });
    const first = await hub.verify(`Bearer ${token}`);
    // The same token again is the same caller (from the cache: the very same object).
    expect(await hub.verify(`Bearer ${token}`)).toBe(first);
    now = new Date((nowSeconds + 59) * 1000);
    expect(await hub.verify(`Bearer ${token}`)).toBe(first);
    // At its expiry the cache lets go, and the token is judged afresh (still within the tolerance).
    now = new Date((nowSeconds + 60) * 1000);
    const again = await hub.verify(`Bearer ${token}`);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    now = new Date((nowSeconds + 91) * 1000);
    expect((await rejection(hub.verify(`Bearer ${token}`))).details.reason).toBe('token_expired');
  });

  it('keeps only tokens that passed, and a bounded number of them', async () => {
    const forged = await sign(forger);
    const hub = createIdentityVerifier(trust, { now: () => NOW, cachedTokens: 2 });
    for (let i = 0; i < 2; i++) expect((await rejection(hub.verify(`Bearer ${forged}`))).details.reason).toBe('unknown_signing_key');
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => sign(ofac, { sub })));
    const callerA = await hub.verify(`Bearer ${a}`);
    await hub.verify(`Bearer ${b}`);
    await hub.verify(`Bearer ${c}`);
    // a was the oldest of three in a cache of two: verified again, a new caller object.
    const againA = await hub.verify(`Bearer ${a}`);
    expect(againA).not.toBe(callerA);
    expect(againA.userId).toBe('a');
  });

  it('accepts the scheme in any case', async () => {
    const caller = await verifier().verify(`bearer ${await sign(ofac)}`);
    expect(caller.userId).toBe('alice');
  });

  it('ignores roles the hub does not know and authenticates a token without roles', async () => {
    expect((await verifier().verify(`Bearer ${await sign(ofac, { roles: ['analyst', 'superuser', 'analyst'] })}`)).roles).toEqual(['analyst']);
    expect((await verifier().verify(`Bearer ${await sign(ofac, { roles: ['superuser'] })}`)).roles).toEqual([]);
    expect((await verifier().verify(`Bearer ${await sign(ofac, { roles: undefined })}`)).roles).toEqual([]);
  });

  it('refuses a token minted to live longer than the issuer maximum, from iat, even when it has not expired yet', async () => {
    await expectRejected(await sign(ofac, { iat: nowSeconds - 60, exp: nowSeconds - 60 + 24 * 3_600 + 1 }), 'token_lifetime_too_long');
    await expectRejected(await sign(ofac, { iat: nowSeconds - 60, exp: nowSeconds + 10 * 365 * 86_400 }), 'token_lifetime_too_long');
    expect((await verifier().verify(`Bearer ${await sign(ofac, { iat: nowSeconds - 60, exp: nowSeconds - 60 + 24 * 3_600 })}`)).userId).toBe('alice');
  });

  it('applies the per-issuer maximum lifetime from the trust configuration', async () => {
    const strict = createIdentityVerifier(trustOf(trustedIssuer({ kind: 'jwks', jwks: { keys: [ofac.publicJwk] } }, { maxTokenLifetimeSeconds: 900 })), { now: () => NOW });
    const longer = await sign(ofac, { iat: nowSeconds - 60, exp: nowSeconds - 60 + 901 });
    expect((await rejection(strict.verify(`Bearer ${longer}`))).details.reason).toBe('token_lifetime_too_long');
    expect((await strict.verify(`Bearer ${await sign(ofac, { iat: nowSeconds - 60, exp: nowSeconds - 60 + 900 })}`)).userId).toBe('alice');
  });

  it('rejects a roles claim that is not a list of strings', async () => {
    await expectRejected(await sign(ofac, { roles: 'analyst' }), 'malformed_token');
  });

  it('rejects a signature made by another key that claims the same kid', async () => {
    await expectRejected(await sign({ ...forger, kid: ofac.kid }), 'invalid_signature', 'invalid signature');
  });

  it('rejects an expired token', async () => {
    await expectRejected(await sign(ofac, { iat: nowSeconds - 7200, exp: nowSeconds - 3600 }), 'token_expired', 'token expired');
  });

  it('rejects a token before its nbf', async () => {
    await expectRejected(await sign(ofac, { nbf: nowSeconds + 300 }), 'token_not_yet_valid', 'token not yet valid');
  });

  it('rejects a token without exp, iat or sub', async () => {
    for (const claim of ['exp', 'iat', 'sub']) {
      const error = await expectRejected(await sign(ofac, { [claim]: undefined }), 'missing_claim');
      expect(error.details.claim).toBe(claim);
    }
  });

  it('rejects a token meant for another audience', async () => {
    await expectRejected(await sign(ofac, { aud: 'some-other-service' }), 'audience_not_accepted', 'token audience not accepted');
  });

  it('rejects a token of another type (RFC 8725 §3.11 explicit typing)', async () => {
    await expectRejected(await sign(ofac, {}, { typ: 'JWT' }), 'token_type_not_accepted', 'token type not accepted');
    await expectRejected(await sign(ofac, {}, { typ: undefined }), 'token_type_not_accepted');
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(standardClaims())}.`;
    await expectRejected(unsigned, 'algorithm_not_accepted', 'algorithm not accepted');
  });

  it('rejects HS256 keyed with the issuer public key (algorithm confusion)', async () => {
    const pem = await exportSPKI((await importJWK(ofac.publicJwk, 'ES256', { extractable: true })) as CryptoKey);
    for (const secret of [pem, JSON.stringify(ofac.publicJwk)]) {
      const token = await new SignJWT(standardClaims())
        .setProtectedHeader({ alg: 'HS256', kid: ofac.kid, typ: 'at+jwt' })
        .sign(new TextEncoder().encode(secret));
      await expectRejected(token, 'algorithm_not_accepted');
    }
  });

  it('rejects a token from an issuer it does not trust, or naming none', async () => {
    await expectRejected(await sign(ofac, { iss: 'https://id.elsewhere.example/' }), 'untrusted_issuer', 'untrusted issuer');
    await expectRejected(await sign(ofac, { iss: undefined }), 'untrusted_issuer');
  });

  it('rejects a token naming a key the issuer never published', async () => {
    await expectRejected(await sign({ ...ofac, kid: 'no-such-key' }), 'unknown_signing_key', 'unknown signing key');
  });

  it('rejects a missing or malformed Authorization header', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'missing_token'],
      ['', 'missing_token'],
      ['Bearer', 'missing_token'],
      ['Bearer   ', 'missing_token'],
      ['Basic YWxpY2U6c2VjcmV0', 'unsupported_scheme'],
      ['Bearer not-a-jwt', 'malformed_token'],
      ['Bearer a.b.c', 'malformed_token'],
      ['Bearer a.b.c d.e.f', 'malformed_token'],
      [`Bearer ${'x'.repeat(20_000)}.y.z`, 'malformed_token'],
    ];
    for (const [header, reason] of cases) {
      const error = await rejection(verifier().verify(header));
      expect([header, error.details.reason]).toEqual([header, reason]);
    }
    expect((await rejection(verifier().verify(undefined))).message).toBe('missing bearer token');
  });

  it('rejects an agency claim that differs from the issuer agency, and accepts a matching one', async () => {
    await expectRejected(await sign(ofac, { agency: 'gb-ofsi' }), 'agency_mismatch');
    expect((await verifier().verify(`Bearer ${await sign(ofac, { agency: 'us-ofac' })}`)).agencyId).toBe('us-ofac');
  });

  it('honours the clock tolerance: 30 s by default, configurable', async () => {
    const justExpired = await sign(ofac, { exp: nowSeconds - 10 });
    expect((await verifier().verify(`Bearer ${justExpired}`)).userId).toBe('alice');
    const strict = createIdentityVerifier(trust, { now: () => NOW, clockToleranceSeconds: 0 });
    expect((await rejection(strict.verify(`Bearer ${justExpired}`))).details.reason).toBe('token_expired');
    await expectRejected(await sign(ofac, { exp: nowSeconds - 31 }), 'token_expired');
    const almostValid = await sign(ofac, { nbf: nowSeconds + 10 });
    expect((await verifier().verify(`Bearer ${almostValid}`)).userId).toBe('alice');
  });

  it('keeps verifying tokens of the previous key after a rotation', async () => {
    const next = await newSigningKey();
    const rotated = createIdentityVerifier(trustOf(trustedIssuer({ kind: 'jwks', jwks: { keys: [ofac.publicJwk, next.publicJwk] } })), { now: () => NOW });
    expect((await rotated.verify(`Bearer ${await sign(ofac)}`)).agencyId).toBe('us-ofac');
    expect((await rotated.verify(`Bearer ${await sign(next)}`)).agencyId).toBe('us-ofac');
  });

  it('keeps issuers apart: a token claiming one issuer but signed with another issuer key fails', async () => {
    const bis = await newSigningKey();
    const two = trustOf(
      trustedIssuer({ kind: 'jwks', jwks: { keys: [ofac.publicJwk] } }),
      trustedIssuer({ kind: 'jwks', jwks: { keys: [bis.publicJwk] } }, { agency: 'us-bis', issuer: 'https://id.us-bis.example/' }),
    );
    const hub = createIdentityVerifier(two, { now: () => NOW });
    expect((await hub.verify(`Bearer ${await sign(bis, { iss: 'https://id.us-bis.example/' })}`)).agencyId).toBe('us-bis');
    const error = await rejection(hub.verify(`Bearer ${await sign(bis, { iss: ISSUER })}`));
    expect(error.details.reason).toBe('unknown_signing_key');
  });

  it('verifies HS256 tokens for an issuer configured with a shared secret', async () => {
    const secret = new TextEncoder().encode('a shared secret of at least thirty-two bytes');
    const hub = createIdentityVerifier(trustOf(trustedIssuer({ kind: 'secret', secret }, { algorithms: ['HS256'] })), { now: () => NOW });
    const token = await new SignJWT(standardClaims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(secret);
    expect((await hub.verify(`Bearer ${token}`)).userId).toBe('alice');
    const esToken = await sign(ofac);
    expect((await rejection(hub.verify(`Bearer ${esToken}`))).details.reason).toBe('algorithm_not_accepted');
  });

  describe('with a remote JWKS', () => {
    let server: http.Server;
    let requests = 0;
    let jwksUrl: string;

    beforeAll(async () => {
      server = http.createServer((_request, response) => {
        requests += 1;
        response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
        response.end(JSON.stringify({ keys: [ofac.publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const remoteVerifier = () => createIdentityVerifier(trustOf(trustedIssuer({ kind: 'remote', url: jwksUrl })), { now: () => NOW });

    it('verifies with keys fetched once and cached', async () => {
      requests = 0;
      const hub = remoteVerifier();
      for (let i = 0; i < 5; i += 1) expect((await hub.verify(`Bearer ${await sign(ofac)}`)).agencyId).toBe('us-ofac');
      expect(requests).toBe(1);
    });

    it('bounds refetches when a burst of tokens names unknown kids', async () => {
      requests = 0;
      const hub = remoteVerifier();
      const tokens = await Promise.all(Array.from({ length: 50 }, () => sign({ ...forger, kid: crypto.randomUUID() })));
      const errors = await Promise.all(tokens.map((token) => rejection(hub.verify(`Bearer ${token}`))));
      expect(new Set(errors.map((error) => error.details.reason))).toEqual(new Set(['unknown_signing_key']));
      expect(requests).toBeLessThanOrEqual(2);
      // The cached set still verifies a good token without another fetch.
      expect((await hub.verify(`Bearer ${await sign(ofac)}`)).agencyId).toBe('us-ofac');
      expect(requests).toBeLessThanOrEqual(2);
    });

    it('reports an unreachable key server as unavailable keys, not a bad token', async () => {
      const hub = createIdentityVerifier(trustOf(trustedIssuer({ kind: 'remote', url: 'http://127.0.0.1:9/jwks.json' })), { now: () => NOW });
      const error = await rejection(hub.verify(`Bearer ${await sign(ofac)}`));
      expect(error.details.reason).toBe('keys_unavailable');
    });
  });
});
