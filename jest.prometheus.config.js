// Tests against the fixture Prometheus: run them through `scripts/with-prometheus.sh -- npx jest -c jest.prometheus.config.js`.
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = {
  ...unit,
  testEnvironment: 'node',
  setupFilesAfterEnv: [],
  testMatch: ['<rootDir>/tests/prometheus/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
