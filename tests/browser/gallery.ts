// npm run gallery: serves the page the browser tests check, so that a person can look at every panel state
// in both themes and four sizes. Stop it with Ctrl-C.
import { existsSync } from 'fs';
import { join, resolve } from 'path';

import { serveStatic } from '../helpers/server';
import { sizes } from './gallery/cases';

const root = resolve(__dirname, '../..');
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 3100;

async function main() {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`gallery: --port must be a port number, not ${JSON.stringify(process.argv[portArg + 1])}`);
    process.exit(2);
  }
  for (const f of ['build/browser-host/gallery.js', 'dist/panels/healthscore/module.js']) {
    if (!existsSync(join(root, f))) {
      console.error(`gallery: ${f} is missing: run npm run build and npm run build:browser-host first`);
      process.exit(2);
    }
  }
  let server;
  try {
    server = await serveStatic(root, port);
  } catch (e) {
    console.error(
      `gallery: cannot listen on 127.0.0.1:${port} (${(e as Error).message}); choose another with --port N`
    );
    process.exit(2);
  }
  console.log(`PerfScope panel gallery: ${server.url}/tests/browser/host/index.html?gallery (Ctrl-C to stop)`);
  for (const t of ['light', 'dark']) {
    console.log(
      `  ${t}: ${Object.keys(sizes)
        .map((s) => `${server.url}/tests/browser/host/index.html?gallery&theme=${t}&size=${s}`)
        .join('  ')}`
    );
  }
  console.log(
    `  beside Grafana's stock Stat and Bar gauge on the same numbers: ${server.url}/tests/browser/host/index.html?gallery&compare&theme=dark`
  );
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
