import net from 'node:net';

export class PortBusyError extends Error {
  readonly code = 'PORT_BUSY';
  constructor(host: string, port: number) {
    super(`Port ${port} on ${host} is already in use (another hub?): stop it, or set PORT to a free port (PORT=0 picks one).`);
    this.name = 'PortBusyError';
  }
}

/**
 * Fails at once when the port is taken, before the database is opened or demo data seeded:
 * finding out after minutes of seeding is the wrong order. Port 0 is always free.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortBusyError(host, port) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
