import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/**
 * A progress bar on an interactive terminal; elsewhere (CI, pipes) a line every few
 * seconds, so that logs stay readable. Progress goes to stderr: stdout carries results.
 * A total of 0 means unknown (a streamed file): the count is shown without a bar.
 */
export function createProgress(title: string): Progress {
  if (process.stderr.isTTY) {
    let counting = false;
    const counter = {
      update(done: number, label = '') {
        counting = true;
        process.stderr.write(`\r${title}: ${done} ${label}`);
      },
      stop: () => counting && process.stderr.write('\n'),
    };
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, label = '') {
        if (total === 0) return counter.update(done, label);
        if (!started) {
          bar.start(total, done, { label });
          started = true;
        } else bar.update(done, { label });
        bar.setTotal(total);
      },
      stop: () => {
        if (started) bar.stop();
        counter.stop();
      },
    };
  }
  let lastPrinted = 0;
  return {
    update(done, total, label = '') {
      const now = Date.now();
      if (now - lastPrinted < 2_000 && done < total) return;
      lastPrinted = now;
      process.stderr.write(`${title}: ${done}${total ? `/${total}` : ''} ${label}\n`);
    },
    stop: () => undefined,
  };
}
