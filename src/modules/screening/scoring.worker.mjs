// A scoring thread of the hub's pool (scoring-pool.ts). Plain JavaScript that registers tsx
// itself: worker threads do not inherit the TypeScript loader that `node bin/interlock.js` or
// vitest set up on the main thread. The scoring code is the pure match-scoring.ts.
import { register } from 'tsx/esm/api';

register();
const { scoreTask } = await import('./match-scoring.ts');

export default function score(task) {
  return scoreTask(task);
}
