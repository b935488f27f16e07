import fs from 'node:fs/promises';
import net from 'node:net';
import readline from 'node:readline';
import type { Logger } from '../config/logger.ts';

/**
 * The local channel through which a running hub carries out data commands (seed, import, …)
 * for CLI processes on the same data directory, since only one process may open an
 * embedded database. It listens on a unix socket, which only local users with access to
 * the data directory can reach. Protocol: one JSON request line, then NDJSON messages.
 */
export type ControlMessage =
  | { type: 'progress'; done: number; total: number; label?: string }
  | { type: 'log'; message: string }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string };

export interface ControlRequest {
  command: string;
  args: Record<string, unknown>;
}

export type CommandExecutor = (request: ControlRequest, report: (message: ControlMessage) => void) => Promise<unknown>;

export interface ControlChannel {
  close(): Promise<void>;
}

export async function openControlChannel(socketPath: string, execute: CommandExecutor, log: Logger): Promise<ControlChannel> {
  // A previous hub that was killed may have left its socket file behind.
  await fs.rm(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const send = (message: ControlMessage) => {
      if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
    };
    const lines = readline.createInterface({ input: socket });
    lines.once('line', (line) => {
      lines.close();
      void run(line, send, execute, log).finally(() => socket.end());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await fs.chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function run(line: string, send: (m: ControlMessage) => void, execute: CommandExecutor, log: Logger) {
  let request: ControlRequest;
  try {
    request = JSON.parse(line) as ControlRequest;
    if (typeof request.command !== 'string') throw new Error('no command');
  } catch {
    send({ type: 'error', message: 'malformed control request' });
    return;
  }
  log.info({ command: request.command }, 'running a data command for a local CLI');
  try {
    send({ type: 'result', result: await execute(request, send) });
  } catch (error) {
    log.warn({ err: error, command: request.command }, 'data command failed');
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

/** A data command the hub ran for us failed; the message is the hub's. */
export class RemoteCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteCommandError';
  }
}

/** Client side: sends one request to a hub and relays its messages until the result. */
export async function sendControlRequest(
  socketPath: string,
  request: ControlRequest,
  onMessage: (message: ControlMessage) => void,
): Promise<unknown> {
  const socket = net.createConnection(socketPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(`${JSON.stringify(request)}\n`);
  let outcome: { ok: true; result: unknown } | { ok: false; message: string } | undefined;
  for await (const line of readline.createInterface({ input: socket })) {
    const message = JSON.parse(line) as ControlMessage;
    if (message.type === 'result') outcome = { ok: true, result: message.result };
    else if (message.type === 'error') outcome = { ok: false, message: message.message };
    else onMessage(message);
  }
  if (!outcome) throw new Error('The hub closed the control connection without an answer (did it stop?).');
  if (!outcome.ok) throw new RemoteCommandError(outcome.message);
  return outcome.result;
}
