// Checks the release zip that `npm run package` wrote into artifacts/.
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = {
  ...unit,
  testEnvironment: 'node',
  setupFilesAfterEnv: [],
  testMatch: ['<rootDir>/tests/package/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
