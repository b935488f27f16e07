import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustConfig, TrustConfigError } from '../../src/auth/trust.ts';

describe('loadTrustConfig', () => {
  let root: string;
  let trustFile: string;
  let publicJwk: JWK;
  let privateJwk: JWK;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'interlock-trust-'));
    fs.mkdirSync(path.join(root, 'policies'));
    fs.mkdirSync(path.join(root, 'keys'));
    trustFile = path.join(root, 'policies', 'trust.yaml');
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    publicJwk = await exportJWK(publicKey);
    publicJwk.kid = await calculateJwkThumbprint(publicJwk);
    privateJwk = { ...(await exportJWK(privateKey)), kid: publicJwk.kid };
    fs.writeFileSync(path.join(root, 'keys', 'us-ofac.jwks.json'), JSON.stringify({ keys: [publicJwk] }));
    fs.writeFileSync(path.join(root, 'keys', 'leaky.jwks.json'), JSON.stringify({ keys: [publicJwk, privateJwk] }));
    fs.writeFileSync(path.join(root, 'keys', 'hmac.key'), 'x'.repeat(40) + '\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Writes `yaml` as the trust file and returns the TrustConfigError it causes. */
  function problemsWith(yaml: string): TrustConfigError {
    fs.writeFileSync(trustFile, yaml);
    try {
      loadTrustConfig(trustFile);
    } catch (error) {
      expect(error).toBeInstanceOf(TrustConfigError);
      expect((error as Error).message).toContain(trustFile);
      return error as TrustConfigError;
    }
    throw new Error('expected the trust file to be refused');
  }

  it('loads every kind of key source, resolving files relative to the trust file', () => {
    fs.writeFileSync(
      trustFile,
      `# Partners
audience: interlock-hub
issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256]
    jwksFile: ../keys/us-ofac.jwks.json
  - agency: gb-ofsi
    issuer: https://id.gb-ofsi.example/
    audience: hub-gb
    algorithms: [ES256, ES384]
    jwks: { keys: [${JSON.stringify(publicJwk)}] }
    tokenType: application/at+jwt
    maxTokenLifetime: 8h
  - agency: us-bis
    issuer: https://id.us-bis.example/
    algorithms: [RS256, PS256]
    jwksUrl: https://id.us-bis.example/jwks.json
  - agency: nl-fiu
    issuer: https://id.nl-fiu.example/
    algorithms: [HS256]
    secretFile: ../keys/hmac.key
`,
    );
    const trust = loadTrustConfig(trustFile);
    expect(trust.file).toBe(trustFile);
    expect(trust.issuers.map((i) => [i.agency, i.audience, i.tokenType, i.keys.kind])).toEqual([
      ['us-ofac', 'interlock-hub', 'at+jwt', 'jwks'],
      ['gb-ofsi', 'hub-gb', 'application/at+jwt', 'jwks'],
      ['us-bis', 'interlock-hub', 'at+jwt', 'remote'],
      ['nl-fiu', 'interlock-hub', 'at+jwt', 'secret'],
    ]);
    expect(trust.issuers.map((i) => i.maxTokenLifetimeSeconds)).toEqual([86_400, 28_800, 86_400, 86_400]);
    const ofac = trust.issuers[0]!;
    expect(ofac.keys.kind === 'jwks' && ofac.keys.jwks.keys[0]?.kid).toBe(publicJwk.kid);
    const fiu = trust.issuers[3]!;
    expect(fiu.keys.kind === 'secret' && fiu.keys.secret.length).toBe(40);
    expect(Object.isFrozen(trust.issuers)).toBe(true);
  });

  it('defaults the audience and accepts an empty list of issuers', () => {
    fs.writeFileSync(trustFile, 'issuers: []\n');
    expect(loadTrustConfig(trustFile).issuers).toEqual([]);
  });

  it('refuses a maximum token lifetime that is not a positive duration', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256]
    jwksFile: ../keys/us-ofac.jwks.json
    maxTokenLifetime: forever
`);
    expect(error.problems).toEqual([{ path: 'issuers[0].maxTokenLifetime', reason: expect.stringContaining('must be a duration') }]);
  });

  it('refuses alg none, naming the file, the path and the reason', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256, none]
    jwksFile: ../keys/us-ofac.jwks.json
`);
    expect(error.problems).toEqual([{ path: 'issuers[0].algorithms[1]', reason: expect.stringContaining('"none" is never accepted') }]);
    expect(error.message).toContain('issuers[0].algorithms[1]: "none" is never accepted');
  });

  it('refuses HMAC algorithms without a secretFile, and mixing HMAC with public keys', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256, HS256]
    jwksFile: ../keys/us-ofac.jwks.json
  - agency: nl-fiu
    issuer: https://id.nl-fiu.example/
    algorithms: [HS512, RS256]
    secretFile: ../keys/hmac.key
`);
    expect(error.problems.map((p) => p.path)).toEqual(['issuers[0].algorithms[1]', 'issuers[1].algorithms[1]']);
    expect(error.problems[0]!.reason).toBe('HS256 is only accepted with a secretFile');
  });

  it('reports every problem at once: unknown algorithm, unknown key, missing field, key sources, duplicates', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES257]
    jwksFile: ../keys/us-ofac.jwks.json
    jwksfile: typo.json
  - agency: us-bis
    algorithms: [ES256]
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256]
    jwksFile: ../keys/us-ofac.jwks.json
    jwksUrl: https://id.us-ofac.example/jwks.json
`);
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p.reason]));
    expect(byPath['issuers[0].algorithms[0]']).toMatch(/^must be one of ES256/);
    expect(byPath['issuers[0]']).toBe('unknown key "jwksfile"');
    expect(byPath['issuers[1].issuer']).toBe('is required');
    expect(byPath['issuers[2]']).toBe('has jwksFile and jwksUrl; give exactly one key source');
    // Duplicates are checked once every entry has a valid shape, so fix the rest first.
    const duplicates = problemsWith(`issuers:
  - { agency: us-ofac, issuer: https://id.us-ofac.example/, algorithms: [ES256], jwksFile: ../keys/us-ofac.jwks.json }
  - { agency: us-ofac, issuer: https://id.us-ofac.example/, algorithms: [ES256], jwksFile: ../keys/us-ofac.jwks.json }
`);
    expect(duplicates.problems).toEqual([
      { path: 'issuers[1].agency', reason: '"us-ofac" is already used by issuers[0]' },
      { path: 'issuers[1].issuer', reason: '"https://id.us-ofac.example/" is already used by issuers[0]' },
    ]);
  });

  it('names the agency and the command to run when its key set file is missing', () => {
    const error = problemsWith(`issuers:
  - agency: de-bafa
    issuer: https://id.de-bafa.example/
    algorithms: [ES256]
    jwksFile: ../keys/de-bafa.jwks.json
`);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.path).toBe('issuers[0].jwksFile');
    expect(error.problems[0]!.reason).toContain(path.join(root, 'keys', 'de-bafa.jwks.json'));
    expect(error.problems[0]!.reason).toContain('"de-bafa"');
    expect(error.problems[0]!.reason).toContain('interlock keys generate --agency de-bafa');
  });

  it('refuses key sets holding private key material, in a file or inline, without echoing it', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256]
    jwksFile: ../keys/leaky.jwks.json
  - agency: gb-ofsi
    issuer: https://id.gb-ofsi.example/
    algorithms: [ES256]
    jwks: { keys: [${JSON.stringify(privateJwk)}] }
`);
    expect(error.problems.map((p) => p.path)).toEqual(['issuers[0].jwksFile', 'issuers[1].jwks.keys[0]']);
    expect(error.problems[0]!.reason).toContain('keys[1] contains private key material ("d")');
    expect(error.problems[1]!.reason).toContain('public keys only');
    expect(error.message).not.toContain(String(privateJwk.d));
  });

  it('refuses keys no listed algorithm can use, and empty key sets', () => {
    const error = problemsWith(`issuers:
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [RS256]
    jwks: { keys: [${JSON.stringify(publicJwk)}] }
  - agency: gb-ofsi
    issuer: https://id.gb-ofsi.example/
    algorithms: [ES256]
    jwks: { keys: [] }
`);
    expect(error.problems).toEqual([
      { path: 'issuers[0].jwks.keys[0]', reason: 'has kty "EC", which none of RS256 can use' },
      { path: 'issuers[1].jwks.keys', reason: 'holds no keys' },
    ]);
  });

  it('refuses plain-http key URLs except on loopback, and short HMAC secrets', () => {
    fs.writeFileSync(path.join(root, 'keys', 'short.key'), 'too short');
    const error = problemsWith(`issuers:
  - agency: us-bis
    issuer: https://id.us-bis.example/
    algorithms: [ES256]
    jwksUrl: http://id.us-bis.example/jwks.json
  - agency: us-ofac
    issuer: https://id.us-ofac.example/
    algorithms: [ES256]
    jwksUrl: http://127.0.0.1:8080/jwks.json
  - agency: nl-fiu
    issuer: https://id.nl-fiu.example/
    algorithms: [HS256]
    secretFile: ../keys/short.key
`);
    expect(error.problems.map((p) => p.path)).toEqual(['issuers[0].jwksUrl']);
    expect(error.problems[0]!.reason).toContain('https://');
    // Shape problems come first; once fixed, the key files are read.
    const secret = problemsWith(`issuers:
  - agency: nl-fiu
    issuer: https://id.nl-fiu.example/
    algorithms: [HS256]
    secretFile: ../keys/short.key
`);
    expect(secret.problems).toEqual([{ path: 'issuers[0].secretFile', reason: expect.stringContaining('needs at least 32') }]);
  });

  it('points at the line of a YAML syntax error', () => {
    const error = problemsWith('issuers:\n  - agency: us-ofac\n    agency: twice\n');
    expect(error.problems[0]!.path).toBe('line 3, column 5');
    expect(error.problems[0]!.reason).toMatch(/unique/i);
  });

  it('refuses a missing or empty file', () => {
    const missing = path.join(root, 'nowhere', 'trust.yaml');
    expect(() => loadTrustConfig(missing)).toThrow(`Invalid trust configuration ${missing}:\n  - (file): file not found`);
    expect(problemsWith('# nothing yet\n').problems[0]!.path).toBe('(file)');
  });
});
