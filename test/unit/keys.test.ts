import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdentityVerifier } from '../../src/auth/identity.ts';
import { generateAgencyKeys, KeyToolError, listMintableAgencies, mintToken } from '../../src/auth/keys.ts';
import { loadTrustConfig, TrustConfigError } from '../../src/auth/trust.ts';
import { runCli } from '../support/cli.ts';


const EXISTING_TRUST = `# Issuers the hub trusts.
audience: interlock-hub # every partner uses this

issuers:
  # The UK's partner publishes its own keys.
  - agency: gb-ofsi
    issuer: https://id.gb-ofsi.example/
    algorithms: [ES256]
    jwksUrl: https://id.gb-ofsi.example/jwks.json # published by OFSI
`;

describe('agency keys and dev tokens', () => {
  let root: string;
  let keysDir: string;
  let trustFile: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'interlock-keys-'));
    keysDir = path.join(root, '.interlock', 'keys');
    trustFile = path.join(root, 'policies', 'trust.yaml');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const readJwks = (agency: string) => JSON.parse(fs.readFileSync(path.join(keysDir, `${agency}.jwks.json`), 'utf8')) as { keys: { kid: string; d?: string }[] };

  it('generating twice publishes both keys, writes the trust entry once and keeps the comments', async () => {
    fs.mkdirSync(path.dirname(trustFile), { recursive: true });
    fs.writeFileSync(trustFile, EXISTING_TRUST);

    const first = await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });
    const second = await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });

    expect([first.trustEntry, second.trustEntry]).toEqual(['added', 'kept']);
    expect(first.kid).not.toBe(second.kid);
    expect(readJwks('us-ofac').keys.map((k) => k.kid)).toEqual([first.kid, second.kid]);
    expect(readJwks('us-ofac').keys.every((k) => k.d === undefined)).toBe(true);
    expect(second.publishedKeys).toBe(2);

    const trustText = fs.readFileSync(trustFile, 'utf8');
    expect(trustText.startsWith(EXISTING_TRUST.trimEnd())).toBe(true);
    expect(trustText.match(/agency: us-ofac/g)).toHaveLength(1);
    expect(trustText).toContain('issuer: https://us-ofac.agencies.interlock.local/');
    expect(trustText).toContain('algorithms: [ES256]');
    expect(trustText).toContain('jwksFile: ../.interlock/keys/us-ofac.jwks.json');
    expect(trustText).toContain('tokenType: at+jwt');

    const trust = loadTrustConfig(trustFile);
    expect(trust.issuers.map((i) => i.agency)).toEqual(['gb-ofsi', 'us-ofac']);
  });

  it('keeps the private key to its owner and names it by its RFC 7638 thumbprint', async () => {
    const result = await generateAgencyKeys({ agency: 'us-bis', keysDir, trustFile });
    const privateJwk = JSON.parse(fs.readFileSync(result.privateKeyFile, 'utf8')) as Record<string, string>;
    expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: result.kid, alg: 'ES256' });
    expect(typeof privateJwk.d).toBe('string');
    expect(fs.statSync(result.privateKeyFile).mode & 0o777).toBe(0o600);
    expect(result.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('creates the trust file when there is none', async () => {
    await generateAgencyKeys({ agency: 'de-bafa', keysDir, trustFile, issuer: 'https://id.de-bafa.example/', audience: 'hub-eu' });
    const text = fs.readFileSync(trustFile, 'utf8');
    expect(text).toMatch(/^# Issuers the hub trusts/);
    const [issuer] = loadTrustConfig(trustFile).issuers;
    expect(issuer).toMatchObject({ agency: 'de-bafa', issuer: 'https://id.de-bafa.example/', audience: 'hub-eu', algorithms: ['ES256'], tokenType: 'at+jwt' });
  });

  it('mints tokens the hub accepts, and tokens of the previous key still verify after a rotation', async () => {
    await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });
    const before = await mintToken({ agency: 'us-ofac', roles: ['analyst'], ttlSeconds: 900, keysDir, trustFile });
    const rotated = await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });
    const after = await mintToken({ agency: 'us-ofac', roles: ['licensing_officer', 'analyst'], keysDir, trustFile, subject: 'officer-7' });

    expect(decodeProtectedHeader(after)).toEqual({ alg: 'ES256', kid: rotated.kid, typ: 'at+jwt' });
    const claims = decodeJwt(before);
    expect(claims).toMatchObject({ iss: 'https://us-ofac.agencies.interlock.local/', aud: 'interlock-hub', sub: 'dev-us-ofac', roles: ['analyst'] });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.nbf).toBe(claims.iat);
    expect(typeof claims.jti).toBe('string');
    expect(decodeJwt(after).exp! - decodeJwt(after).iat!).toBe(3_600);

    const hub = createIdentityVerifier(loadTrustConfig(trustFile));
    expect(await hub.verify(`Bearer ${before}`)).toEqual({ agencyId: 'us-ofac', userId: 'dev-us-ofac', roles: ['analyst'] });
    expect(await hub.verify(`Bearer ${after}`)).toEqual({ agencyId: 'us-ofac', userId: 'officer-7', roles: ['licensing_officer', 'analyst'] });
  });

  it('refuses unknown agencies, unknown roles and lifetimes over 24 hours', async () => {
    await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });
    const attempt = (options: Partial<Parameters<typeof mintToken>[0]>) =>
      mintToken({ agency: 'us-ofac', roles: [], keysDir, trustFile, ...options }).then(
        () => undefined,
        (error: unknown) => {
          expect(error).toBeInstanceOf(KeyToolError);
          return (error as KeyToolError).problem;
        },
      );
    expect(await attempt({ agency: 'gb-ofsi' })).toBe('unknown_agency');
    expect(await attempt({ agency: '../etc' })).toBe('invalid_agency');
    expect(await attempt({ roles: ['root'] })).toBe('invalid_role');
    expect(await attempt({ ttlSeconds: 86_401 })).toBe('invalid_ttl');
    expect(await attempt({ ttlSeconds: 86_400 })).toBeUndefined();
  });

  it('lists the agencies that have both a private key and a trust entry', async () => {
    expect(listMintableAgencies(keysDir, trustFile)).toEqual([]);
    await generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile });
    await generateAgencyKeys({ agency: 'gb-ecju', keysDir, trustFile });
    fs.writeFileSync(path.join(keysDir, 'jp-meti.private.jwk.json'), '{}'); // a key without a trust entry
    expect(listMintableAgencies(keysDir, trustFile)).toEqual(['gb-ecju', 'us-ofac']);
  });

  it('will not add keys over an entry that takes its keys from elsewhere, nor write into a broken trust file', async () => {
    fs.mkdirSync(path.dirname(trustFile), { recursive: true });
    fs.writeFileSync(trustFile, EXISTING_TRUST);
    await expect(generateAgencyKeys({ agency: 'gb-ofsi', keysDir, trustFile })).rejects.toMatchObject({ problem: 'conflicting_trust_entry' });
    fs.writeFileSync(trustFile, 'issuers:\n  - agency: us-ofac\n');
    await expect(generateAgencyKeys({ agency: 'us-ofac', keysDir, trustFile })).rejects.toBeInstanceOf(TrustConfigError);
    expect(fs.existsSync(keysDir)).toBe(false);
  });

  describe('on the command line', () => {
    /** Runs the real `interlock` CLI in a fresh process on this test's trust file and keys. */
    const cli = (args: string[]) =>
      runCli(args, { INTERLOCK_POLICIES_DIR: path.dirname(trustFile), INTERLOCK_KEYS_DIR: keysDir });

    it('generates keys, lists agencies, prints only the token, and exits 2 for an unknown agency', async () => {
      const generated = await cli(['keys', 'generate', '--agency', 'us-ofac']);
      expect(generated.code).toBe(0);
      expect(JSON.parse(generated.stdout)).toMatchObject({ agency: 'us-ofac', trustEntry: 'added' });

      const listed = await cli(['token']);
      expect([listed.code, listed.stdout]).toEqual([0, 'us-ofac\n']);

      const minted = await cli(['token', '--agency', 'us-ofac', '--role', 'analyst', '--role', 'agency_admin', '--ttl', '15m', '--sub', 'ana']);
      expect(minted.code).toBe(0);
      expect(minted.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const caller = await createIdentityVerifier(loadTrustConfig(trustFile)).verify(`Bearer ${minted.stdout.trim()}`);
      expect(caller).toEqual({ agencyId: 'us-ofac', userId: 'ana', roles: ['analyst', 'agency_admin'] });
      const claims = decodeJwt(minted.stdout.trim());
      expect(claims.exp! - claims.iat!).toBe(900);

      const unknown = await cli(['token', '--agency', 'gb-ofsi']);
      expect([unknown.code, unknown.stdout]).toEqual([2, '']);
      expect(unknown.stderr).toContain('interlock keys generate --agency gb-ofsi');

      const badRole = await cli(['token', '--agency', 'us-ofac', '--role', 'root']);
      expect(badRole.code).not.toBe(0);
      expect(badRole.stderr).toContain('unknown role "root"');
    });
  });
});
