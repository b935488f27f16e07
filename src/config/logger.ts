import { pino, type Logger } from 'pino';
import type { Config } from './env.ts';

export type { Logger };

/** Structured JSON logs on stdout; `LOG_LEVEL=silent` in tests. */
export function createLogger(config: Pick<Config, 'logLevel'>, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'interlock', ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
  });
}
