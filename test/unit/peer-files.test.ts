import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPeersConfig, parsePeersFile, PeersConfigError } from '../../src/policy/peer-files.ts';

const SELF = { selfIssuer: 'https://hub.us.example/' };
const KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'k1', alg: 'EdDSA' };
const VALID = `
peers:
  - id: eu-hub
    issuer: https://hub.eu.example/
    url: https://hub.eu.example/
    jwksUrl: https://hub.eu.example/.well-known/jwks.json
    originFor: [de-bafa]
    speaksFor: [de-bafa, gb-ofsi]
    token: { env: EU_HUB_TOKEN }
    pullInterval: 10m
  - id: uk-hub
    issuer: https://hub.uk.example/
    jwks: { keys: [${JSON.stringify(KEY)}] }
    originFor: [gb-ofsi]
`;

const problems = (text: string) => {
  try {
    parsePeersFile(text, '/p/peers.yaml', SELF);
  } catch (error) {
    expect(error).toBeInstanceOf(PeersConfigError);
    return (error as PeersConfigError).problems.map((p) => `${p.path}: ${p.reason}`);
  }
  throw new Error('expected the peers file to be refused');
};

describe('policies/peers.yaml', () => {
  it('reads pulling peers and hubs known only as origins, with defaults', () => {
    const { peers } = parsePeersFile(VALID, '/p/peers.yaml', SELF);
    expect(peers[0]).toMatchObject({
      id: 'eu-hub',
      keys: { kind: 'remote', url: 'https://hub.eu.example/.well-known/jwks.json' },
      originFor: ['de-bafa'],
      speaksFor: ['de-bafa', 'gb-ofsi'],
      pull: { url: 'https://hub.eu.example/', token: { kind: 'env', name: 'EU_HUB_TOKEN' }, intervalSeconds: 600 },
    });
    expect(peers[1]).toMatchObject({ id: 'uk-hub', keys: { kind: 'jwks' }, speaksFor: ['gb-ofsi'], pull: null });
  });

  it('names the path and reason of every problem', () => {
    expect(problems(VALID.replace('[de-bafa]\n    speaksFor', '[de-bafa, gb-ofsi]\n    speaksFor'))).toEqual(['peers[1].originFor[0]: gb-ofsi is already homed at peers[0]']);
    expect(problems(VALID.replace('    token: { env: EU_HUB_TOKEN }\n', ''))).toEqual(['peers[0].token: is required to pull from url']);
    expect(problems(VALID.replace('originFor: [gb-ofsi]', 'originFor: [gb-ofsi]\n    pullInterval: 5m'))).toEqual(['peers[1].pullInterval: is only used to pull; give url too, or remove it']);
    expect(problems(VALID.replace('url: https://hub.eu.example/\n', 'url: http://hub.eu.example/\n'))).toEqual(['peers[0].url: must be an https:// URL (http:// only for localhost)']);
    expect(problems(VALID.replace('id: uk-hub', 'id: eu-hub'))).toEqual(['peers[1].id: "eu-hub" is already used by peers[0]']);
    expect(problems(VALID.replace('jwksUrl: https://hub.eu.example/.well-known/jwks.json', 'jwks: { keys: [] }\n    jwksFile: k.json'))).toEqual(['peers[0]: has jwks and jwksFile; give exactly one key source']);
    expect(problems(VALID.replace('"kty":"OKP"', '"kty":"OKP","d":"secret"'))).toEqual([
      'peers[1].jwks.keys[0]: contains private key material ("d"); a verification key set must hold public keys only',
    ]);
    expect(problems(VALID.replace('https://hub.uk.example/', 'https://hub.us.example/'))).toEqual(["peers[1].issuer: is this hub's own issuer (INTERLOCK_HUB_ISSUER)"]);
    expect(problems(VALID.replace('token: { env: EU_HUB_TOKEN }', 'token: { env: lower }'))[0]).toMatch(/^peers\[0\]\.token/);
    expect(problems('peers:\n  - id: [\n')[0]).toMatch(/^line \d+, column \d+: /);
    expect(problems('peers: []\nhubs: []\n')).toEqual(['(file): unknown key "hubs"']);
  });

  it('no file means no peers; a jwksFile is read relative to the peers file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-'));
    try {
      expect(loadPeersConfig(path.join(dir, 'peers.yaml'), SELF).peers).toEqual([]);
      fs.writeFileSync(path.join(dir, 'uk.jwks.json'), JSON.stringify({ keys: [KEY] }));
      fs.writeFileSync(path.join(dir, 'peers.yaml'), 'peers:\n  - { id: uk-hub, issuer: "https://hub.uk.example/", jwksFile: uk.jwks.json, originFor: [gb-ofsi] }\n');
      expect(loadPeersConfig(path.join(dir, 'peers.yaml'), SELF).peers[0]!.keys).toEqual({ kind: 'jwks', jwks: { keys: [KEY] } });
      fs.writeFileSync(path.join(dir, 'peers.yaml'), 'peers:\n  - { id: uk-hub, issuer: "https://hub.uk.example/", jwksFile: gone.json }\n');
      expect(() => loadPeersConfig(path.join(dir, 'peers.yaml'), SELF)).toThrow(/peers\[0\]\.jwksFile: .*gone\.json does not exist/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
