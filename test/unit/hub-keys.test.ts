import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactSign, compactVerify, createLocalJWKSet } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateHubKey, hubJwksFileIn, loadHubKeys } from '../../src/auth/hub-keys.ts';
import { defaultHubIssuer, loadConfig } from '../../src/config/env.ts';
import { runCli } from '../support/cli.ts';

describe('hub signing keys', () => {
  let keysDir: string;
  beforeEach(() => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlock-hub-keys-'));
  });
  afterEach(() => fs.rmSync(keysDir, { recursive: true, force: true }));

  it('a rotation signs with the new key and keeps the old public key verifiable', async () => {
    const first = await generateHubKey(keysDir);
    const before = await loadHubKeys(keysDir);
    const oldSignature = await new CompactSign(new TextEncoder().encode('old')).setProtectedHeader({ alg: 'EdDSA', kid: before!.current.kid }).sign(before!.current.privateKey);

    const second = await generateHubKey(keysDir);
    const after = await loadHubKeys(keysDir);
    expect(after!.current.kid).toBe(second.kid);
    expect(after!.published.keys.map((k) => k.kid)).toEqual([first.kid, second.kid]);
    expect(after!.published.keys.every((k) => k.d === undefined && k.kty === 'OKP' && k.crv === 'Ed25519')).toBe(true);
    const verified = await compactVerify(oldSignature, createLocalJWKSet({ keys: [...after!.published.keys] }));
    expect(new TextDecoder().decode(verified.payload)).toBe('old');
    expect(fs.statSync(second.privateKeyFile).mode & 0o777).toBe(0o600);
    expect(second.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a hub without a key has none, and a key set that lost the current key is refused by name', async () => {
    expect(await loadHubKeys(keysDir)).toBeUndefined();
    await generateHubKey(keysDir);
    fs.writeFileSync(hubJwksFileIn(keysDir), '{"keys":[]}');
    await expect(loadHubKeys(keysDir)).rejects.toThrow(/does not list the current key/);
  });

  it('the hub issuer defaults to where it listens and can be set', () => {
    expect(loadConfig({}).hubIssuer).toBe('http://127.0.0.1:4000/');
    expect(defaultHubIssuer('::1', 8080)).toBe('http://[::1]:8080/');
    expect(loadConfig({ INTERLOCK_HUB_ISSUER: 'https://hub.bafa.example/' }).hubIssuer).toBe('https://hub.bafa.example/');
    expect(() => loadConfig({ INTERLOCK_HUB_ISSUER: 'hub' })).toThrow(/INTERLOCK_HUB_ISSUER/);
  });

  it('`interlock keys generate --hub` makes the key; giving both --hub and --agency is refused', async () => {
    const env = { INTERLOCK_KEYS_DIR: keysDir, INTERLOCK_POLICIES_DIR: path.join(keysDir, 'policies') };
    const made = await runCli(['keys', 'generate', '--hub'], env);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ publishedKeys: 1 });
    const both = await runCli(['keys', 'generate', '--hub', '--agency', 'us-ofac'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --agency <id> or --hub/);
  });
});
