// Browser tests: the built dist/ in Debian's Chromium (needs `npm run build` and `npm run build:browser-host`).
module.exports = require('./jest.node')('browser', { testTimeout: 60000 });
