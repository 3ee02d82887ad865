#!/usr/bin/env node
// The `perfscope` command. The TypeScript sources in src/cli are built into build/cli by `npm run build:cli`,
// which `npm ci` runs through the prepare script.
let cli;
try {
  cli = require('../build/cli/cli/main.js');
} catch (e) {
  if (e.code !== 'MODULE_NOT_FOUND') {
    throw e;
  }
  process.stderr.write("perfscope: the CLI is not built yet; run 'npm run build:cli' (npm ci does it)\n");
  process.exit(2);
}
cli.run();
