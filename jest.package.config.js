// Checks the release zip that `npm run package` wrote into artifacts/.
module.exports = require('./jest.node')('package', { testTimeout: 60000 });
