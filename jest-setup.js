// Jest setup provided by Grafana scaffolding. Pure-node tests (`@jest-environment node`) have no DOM to set up.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
