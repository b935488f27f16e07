#!/usr/bin/env node
// The hub runs its TypeScript sources directly through tsx: no build step between a clone and a running hub.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
