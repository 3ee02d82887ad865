// Tests against the fixture Prometheus: run them through `scripts/with-prometheus.sh -- npx jest -c jest.prometheus.config.js`.
module.exports = require('./jest.node')('prometheus');
