import { serveAppSubUrl as initialize } from '../../testing/location';
import { dashboardUrl } from './dashboards';

afterEach(() => initialize(''));

it('links a dashboard with its variables, encoded', () => {
  initialize('');
  expect(dashboardUrl('operations', { service: 'check out&pay' })).toBe(
    '/d/perfscope-operations?var-service=check%20out%26pay'
  );
  expect(dashboardUrl('executive')).toBe('/d/perfscope-executive');
});

it("puts the link under Grafana's sub-path when it is served from one", () => {
  initialize('/grafana');
  expect(dashboardUrl('development', { domain: 'compliance_evaluation' })).toBe(
    '/grafana/d/perfscope-development?var-domain=compliance_evaluation'
  );
});
