// The one Jest config: a project per suite. `npm run test:ci` runs `unit`; the others need more than Node and
// run through their own npm scripts (`jest --selectProjects NAME`), all of them through `npm test`:
// - unit: src/**/*.test.ts(x), jsdom (or `@jest-environment node` per file);
// - prometheus: tests/prometheus, against the fixture Prometheus (run under scripts/with-prometheus.sh);
// - browser: tests/browser, the built dist/ in Debian's Chromium (needs `npm run build` and
//   `npm run build:browser-host`);
// - demo: tests/demo, the workload, the compose stack's files, and workload + Prometheus + `perfscope check` live;
// - package: tests/package, the release zip that `npm run package` wrote into artifacts/.
// A bare `npx jest` runs them all: pick with `--selectProjects`.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const [[swcPattern, swcTransform]] = Object.entries(base.transform);

const unit = {
  ...base,
  displayName: 'unit',
  // Grafana's ESM-only dependencies (d3-color and friends) ship .mjs files: transform them too.
  transform: { [swcPattern.replace('sx?$', 'sx?$|\\.mjs$')]: swcTransform },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/', '<rootDir>/dist/'],
};

// A folder of tests/: Node tests (no DOM). Jest 29 takes testTimeout for the whole run only, so a slow suite's
// timeout is set by a setup file.
const node = (folder, setup = []) => ({
  ...unit,
  displayName: folder,
  testEnvironment: 'node',
  setupFilesAfterEnv: setup,
  testMatch: [`<rootDir>/tests/${folder}/**/*.test.ts`],
  testPathIgnorePatterns: ['/node_modules/'],
});
const slow = ['<rootDir>/tests/helpers/timeout60s.ts'];

module.exports = {
  projects: [unit, node('prometheus'), node('browser', slow), node('demo'), node('package', slow)],
};
