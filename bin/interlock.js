#!/usr/bin/env -S node --max-semi-space-size=64
// A young generation of 64 MB (V8's default is 16): a page of 500 records allocates tens of megabytes
// that die with the request; with the default, collecting them took 17-22% of the hub's CPU, with
// 64 MB 8% (docs/benchmarks.md). npm start and npm run serve pass the same flag.
// The hub runs its TypeScript sources directly through tsx: no build step between a clone and a running hub.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
