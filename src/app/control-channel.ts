import fs from 'node:fs/promises';
import net from 'node:net';
import readline from 'node:readline';
import type { Logger } from '../config/logger.ts';

/**
 * The local channel through which a running hub carries out data commands (seed, import, …)
 * for CLI processes on the same data directory, since only one process may open an
 * embedded database. It listens on a unix socket, which only local users with access to
 * the data directory can reach. Protocol: one JSON request line, then NDJSON messages; the
 * client may then send `{"type":"cancel"}` (its user pressed Ctrl-C), and closing the
 * connection early cancels too.
 */
export type ControlMessage =
  | { type: 'progress'; done: number; total: number; label?: string }
  | { type: 'log'; message: string }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; code?: string; details?: Record<string, unknown> };

/**
 * The abort reason of commands still running when the hub stops: they end after their unit
 * of work in flight (an import: its batch) and answer with their own error.
 */
export const HUB_SHUTDOWN = 'shutdown';
/** The abort reason of a command its client cancelled. */
export const CLIENT_CANCELLED = 'cancel';

export interface ControlRequest {
  command: string;
  args: Record<string, unknown>;
}

export type CommandExecutor = (request: ControlRequest, report: (message: ControlMessage) => void, signal: AbortSignal) => Promise<unknown>;

export interface ControlChannel {
  /** Stops running commands after their work in flight, waits for their answers, then closes. */
  close(): Promise<void>;
}

export async function openControlChannel(socketPath: string, execute: CommandExecutor, log: Logger): Promise<ControlChannel> {
  // A previous hub that was killed may have left its socket file behind.
  await fs.rm(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  const running = new Map<AbortController, Promise<void>>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const controller = new AbortController();
    socket.on('close', () => {
      sockets.delete(socket);
      controller.abort(CLIENT_CANCELLED);
    });
    socket.on('error', () => socket.destroy());
    const send = (message: ControlMessage) => {
      if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
    };
    const lines = readline.createInterface({ input: socket });
    let started = false;
    lines.on('line', (line) => {
      if (started) {
        if (isCancel(line)) controller.abort(CLIENT_CANCELLED);
        return;
      }
      started = true;
      const done = run(line, send, (request, report) => execute(request, report, controller.signal), log).finally(() => {
        running.delete(controller);
        socket.end();
      });
      running.set(controller, done);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await fs.chmod(socketPath, 0o600);
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const controller of running.keys()) controller.abort(HUB_SHUTDOWN);
      await Promise.allSettled(running.values());
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const isCancel = (line: string) => {
  try {
    return (JSON.parse(line) as { type?: unknown }).type === 'cancel';
  } catch {
    return false;
  }
};

async function run(
  line: string,
  send: (m: ControlMessage) => void,
  execute: (request: ControlRequest, report: (message: ControlMessage) => void) => Promise<unknown>,
  log: Logger,
) {
  let request: ControlRequest;
  try {
    request = JSON.parse(line) as ControlRequest;
    if (typeof request.command !== 'string') throw new Error('no command');
  } catch {
    send({ type: 'error', message: 'malformed control request' });
    return;
  }
  log.info({ command: request.command, args: request.args }, 'running a data command for a local CLI');
  try {
    send({ type: 'result', result: await execute(request, send) });
  } catch (error) {
    const { code, details } = (error ?? {}) as { code?: unknown; details?: unknown };
    log.warn({ err: error, command: request.command, code }, 'data command failed');
    send({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
      ...(details && typeof details === 'object' ? { details: details as Record<string, unknown> } : {}),
    });
  }
}

/** A data command the hub ran for us failed; the message and code are the hub's. */
export class RemoteCommandError extends Error {
  constructor(
    message: string,
    readonly code: string = 'REMOTE_COMMAND_FAILED',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RemoteCommandError';
  }
}

/** Client side: sends one request to a hub and relays its messages until the result. */
export async function sendControlRequest(
  socketPath: string,
  request: ControlRequest,
  onMessage: (message: ControlMessage) => void,
  signal?: AbortSignal,
): Promise<unknown> {
  const socket = net.createConnection(socketPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  // After connecting, a reset (the hub killed) ends the reading below instead of throwing.
  socket.on('error', () => socket.destroy());
  socket.write(`${JSON.stringify(request)}\n`);
  // The hub finishes its work in flight and answers; this process waits for that answer.
  const cancel = () => {
    if (socket.writable) socket.write(`${JSON.stringify({ type: 'cancel' })}\n`);
  };
  signal?.addEventListener('abort', cancel, { once: true });
  let outcome: { ok: true; result: unknown } | { ok: false; error: RemoteCommandError } | undefined;
  try {
    for await (const line of readline.createInterface({ input: socket })) {
      const message = JSON.parse(line) as ControlMessage;
      if (message.type === 'result') outcome = { ok: true, result: message.result };
      else if (message.type === 'error') outcome = { ok: false, error: new RemoteCommandError(message.message, message.code, message.details) };
      else onMessage(message);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  if (!outcome) throw new RemoteCommandError('The hub closed the control connection without an answer (did it stop?).', 'HUB_GONE');
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}
