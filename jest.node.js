// The Jest config of one folder of tests/: Node tests (no DOM) that need more than the unit tests do (the
// fixture Prometheus, Chromium, the built plugin or the release zip), each folder run by its own npm script.
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = (folder, extra = {}) => ({
  ...unit,
  testEnvironment: 'node',
  setupFilesAfterEnv: [],
  testMatch: [`<rootDir>/tests/${folder}/**/*.test.ts`],
  testPathIgnorePatterns: ['/node_modules/'],
  ...extra,
});
