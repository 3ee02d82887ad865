// Entry point of the demo workload (the `workload` service of docker-compose.yaml; `npm run demo` runs it
// in-process instead). Settings come from PERFSCOPE_DEMO_* environment variables (config.ts).
import { ConfigError, ENV, loadConfig } from './config';
import { DESCRIPTIONS } from './scenarios';
import { startWorkload } from './server';

const fail = (message: string): never => {
  process.stderr.write(`perfscope demo workload: ${message}\n`);
  process.exit(2);
};

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    return fail(e instanceof ConfigError ? e.message : String(e));
  }
  const workload = await startWorkload(config).catch((e: NodeJS.ErrnoException) =>
    fail(
      e.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is taken; choose another with ${ENV.port}`
        : `cannot listen on ${config.host}:${config.port} (${e.code ?? e.message})`
    )
  );
  process.stdout.write(
    `PerfScope demo workload: service "${config.service}", scenario ${config.scenario} (${DESCRIPTIONS[config.scenario]})\n` +
      `  metrics   ${workload.url}/metrics\n` +
      `  scenario  curl -X PUT ${workload.url}/scenario -d '{"scenario": "incident"}'\n`
  );
  const stop = () => void workload.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
