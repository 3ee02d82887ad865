// The workload's HTTP API: Prometheus metrics, the scenario switch and deployments. Bad requests get a 4xx
// with a JSON {"error"} that names the field; the service keeps serving whatever it is sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { VERSION_PATTERN, type WorkloadConfig } from './config';
import { DESCRIPTIONS, isScenario, SCENARIOS } from './scenarios';
import { Simulator } from './simulator';

export const MAX_BODY_BYTES = 1024;
/** Connections served at once; Prometheus needs one, a person with curl a few. */
export const MAX_CONNECTIONS = 64;

const USAGE = {
  'GET /metrics': 'Prometheus metrics',
  'GET /scenario': 'the current scenario',
  'PUT /scenario': 'switch scenario: {"scenario": "incident"} (POST works too)',
  'POST /deploy': 'record a deployment: {"version": "1.5.0"}',
  'GET /healthz': 'liveness',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

/** The request body as one JSON object with exactly the fields allowed. */
async function readObject(req: IncomingMessage, fields: string[], example: string): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(chunk as Buffer);
    }
  }
  if (size > MAX_BODY_BYTES) {
    throw new HttpError(413, `the body is ${size} bytes; at most ${MAX_BODY_BYTES} are accepted, e.g. ${example}`);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    throw new HttpError(400, `the body is empty; send JSON such as ${example}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `the body is not valid JSON (${(e as Error).message}); send ${example}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, `the body must be a JSON object such as ${example}`);
  }
  const unknown = Object.keys(body).filter((k) => !fields.includes(k));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      `unknown field "${unknown[0]}"; the body takes only ${fields.map((f) => `"${f}"`).join(', ')}`
    );
  }
  return body as Record<string, unknown>;
}

export interface Workload {
  simulator: Simulator;
  server: Server;
  /** http://host:port */
  url: string;
  close(): Promise<void>;
}

/** Starts the simulated service and its HTTP API; rejects when the port cannot be bound. */
export async function startWorkload(config: WorkloadConfig, now?: () => number): Promise<Workload> {
  const simulator = new Simulator({ ...config, now });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://workload').pathname;
    const method = req.method ?? 'GET';
    const only = (...allowed: string[]) => {
      if (!allowed.includes(method)) {
        throw new HttpError(405, `${path} takes ${allowed.join(' or ')}, not ${method}`, { Allow: allowed.join(', ') });
      }
    };
    switch (path) {
      case '/metrics': {
        only('GET');
        simulator.advance();
        const registry = simulator.metrics.registry;
        res.writeHead(200, { 'Content-Type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      case '/healthz':
        only('GET');
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok\n');
        return;
      case '/':
        only('GET');
        send(res, 200, { ...simulator.state, endpoints: USAGE });
        return;
      case '/scenario': {
        only('GET', 'PUT', 'POST');
        if (method !== 'GET') {
          const example = '{"scenario": "incident"}';
          const { scenario } = await readObject(req, ['scenario'], example);
          if (!isScenario(scenario)) {
            const given = scenario === undefined ? 'is missing' : `${JSON.stringify(scenario)} is unknown`;
            throw new HttpError(400, `scenario ${given}: use one of ${SCENARIOS.join(', ')}, e.g. ${example}`);
          }
          simulator.setScenario(scenario);
        }
        send(res, 200, { ...simulator.state, scenarios: DESCRIPTIONS });
        return;
      }
      case '/deploy': {
        only('POST');
        const example = '{"version": "1.5.0"}';
        const { version } = await readObject(req, ['version'], example);
        if (typeof version !== 'string' || !VERSION_PATTERN.test(version)) {
          const given = version === undefined ? 'is missing' : `${JSON.stringify(version)} is not a version`;
          throw new HttpError(400, `version ${given}: use 1-64 letters, digits, '.', '_', '+' or '-', e.g. ${example}`);
        }
        simulator.deploy(version);
        send(res, 200, simulator.state);
        return;
      }
      default:
        throw new HttpError(404, `no endpoint ${path}; try ${Object.keys(USAGE).join(', ')}`);
    }
  }

  // A client that drips a request, or opens connections without end, cannot hold the service: requests end
  // within 10 s (checked every second), connections are capped.
  const limits = {
    headersTimeout: 5_000,
    requestTimeout: 10_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 1_000,
  };
  const server = createServer(limits, (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        send(res, e.status, { error: e.message }, e.headers);
        return;
      }
      // A bug, not a bad request: say so in one line and keep serving.
      process.stderr.write(`perfscope demo workload: ${req.method} ${req.url}: ${(e as Error).message}\n`);
      if (!res.headersSent) {
        send(res, 500, { error: `internal error: ${(e as Error).message}` });
      } else {
        res.destroy();
      }
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    simulator,
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
