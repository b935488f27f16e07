// Load generator for the benchmarks, on its own thread so that parsing the answers does not
// compete with the hub for the main event loop. Plain JavaScript: workers load it as is.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ url, headers, body, count, concurrency, check }) => {
  const durationsMs = [];
  let next = 0;
  let failure = null;
  const started = performance.now();
  const worker = async () => {
    while (next < count && !failure) {
      next++;
      const t0 = performance.now();
      const response = await fetch(url, { method: 'POST', headers, body });
      const answer = await response.json();
      durationsMs.push(performance.now() - t0);
      const rows = answer?.data?.designations?.edges?.length;
      if (rows !== check.rows || Boolean(answer.errors?.length) !== check.errors) {
        failure = `unexpected answer: ${JSON.stringify(answer).slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  parentPort.postMessage({ durationsMs, elapsedMs: performance.now() - started, failure });
});
