// The demo: its workload, the compose stack's files, and workload + Debian's Prometheus + `perfscope check` live
// (`npm run test:demo`; each test starts and stops what it needs on 127.0.0.1).
module.exports = require('./jest.node')('demo');
