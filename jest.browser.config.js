// Browser tests: the built dist/ in Debian's Chromium (needs `npm run build` and `npm run build:browser-host`).
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = {
  ...unit,
  testEnvironment: 'node',
  setupFilesAfterEnv: [],
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
