import { createReadStream, statSync } from 'fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { extname, join, normalize, sep } from 'path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

// Grafana serves @grafana/ui's icons under public/build/img/icons/ (the host page sets __grafana_public_path__),
// and the loading spinner from its own assets.
const aliases: Array<[string, string]> = [
  ['/public/build/img/icons/unicons/spinner.svg', '/tests/browser/host/spinner.svg'],
  ['/public/build/img/icons/', '/node_modules/@grafana/ui/dist/public/img/icons/'],
];

// Grafana's resource route of a Prometheus datasource, which Grafana's Prometheus datasource forwards to its server.
const RESOURCES = /^\/api\/datasources\/uid\/[^/]+\/resources\//;

/**
 * Passes a datasource resource call on to the Prometheus at `base` as Grafana does: its status and body as they
 * are, and Grafana's 500 "Failed to call resource" when the server cannot be reached (or none is given).
 */
function forwardToPrometheus(base: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  const failed = () => {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Failed to call resource"}');
    }
  };
  if (!base) {
    failed();
    return;
  }
  const target = new URL(req.url!.replace(RESOURCES, ''), `${base.replace(/\/+$/, '')}/`);
  const upstream = request(target, { method: 'GET' }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    answer.pipe(res);
  });
  upstream.on('error', failed);
  upstream.end();
}

/** Passes POST /api/ds/query on to a stand-in for Grafana's (`frames serve`, tools/frames), body and answer as they are. */
function forwardDSQuery(base: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(new URL('/api/ds/query', base), { method: 'POST' }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    answer.pipe(res);
  });
  upstream.on('error', () => !res.headersSent && res.writeHead(502).end());
  req.pipe(upstream);
}

/**
 * Serves files under root on 127.0.0.1, read-only, on `port` (default: a free one); with `prometheus`, the
 * datasource resource calls go to the Prometheus at the URL it returns when they arrive; with `dsQuery`,
 * POST /api/ds/query goes to the stand-in for Grafana's at that URL.
 */
export async function serveStatic(
  root: string,
  port = 0,
  { prometheus, dsQuery }: { prometheus?: () => string | undefined; dsQuery?: string } = {}
): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    if (prometheus && req.method === 'GET' && RESOURCES.test(req.url ?? '')) {
      forwardToPrometheus(prometheus(), req, res);
      return;
    }
    if (dsQuery && req.method === 'POST' && req.url === '/api/ds/query') {
      forwardDSQuery(dsQuery, req, res);
      return;
    }
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    for (const [from, to] of aliases) {
      if (path.startsWith(from)) {
        path = to + path.slice(from.length);
        break;
      }
    }
    const file = join(root, path);
    if (req.method !== 'GET' || (!(file + sep).startsWith(root + sep) && file !== root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) {
        throw new Error('not a file');
      }
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser keeps connections alive; close them so that stopping never waits for it.
        server.closeAllConnections();
      }),
  };
}
