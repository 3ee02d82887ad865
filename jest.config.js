// Unit and component tests (jsdom). Tests that need the fixture Prometheus or a browser live in tests/ and
// have their own configs.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const [[swcPattern, swcTransform]] = Object.entries(base.transform);

module.exports = {
  ...base,
  // Grafana's ESM-only dependencies (d3-color and friends) ship .mjs files: transform them too.
  transform: { [swcPattern.replace('sx?$', 'sx?$|\\.mjs$')]: swcTransform },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/', '<rootDir>/dist/'],
};
