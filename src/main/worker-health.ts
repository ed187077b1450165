/**
 * A worker's liveness (docs/deployment.md): a `--role worker` instance does not serve the API, but
 * a supervisor or an orchestrator may want to ask whether it is alive. With XUKE_WORKER_HEALTH_PORT
 * it answers `GET /healthz` there, like a web instance's, and nothing else (404). Without it, it
 * listens on nothing; either way it keeps the process alive until `close`, as the API listener
 * does for the other roles (a worker's own timers and idle pool connections may not).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorkerHealth {
  /** http://host:port/healthz, or null when no port was asked for */
  readonly url: string | null;
  close(): Promise<void>;
}

export async function startWorkerHealth(port: number | null, host: string): Promise<WorkerHealth> {
  if (port === null) {
    const keepAlive = setInterval(() => undefined, 3_600_000);
    return {
      url: null,
      close: () => {
        clearInterval(keepAlive);
        return Promise.resolve();
      },
    };
  }
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok","role":"worker"}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"status":404}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${String(actual)}/healthz`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
