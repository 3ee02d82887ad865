import { render, screen, within } from '@testing-library/react';
import '../../testing/jsdom';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { LoadingState, type FieldConfigSource } from '@grafana/data';

import { defaultProfile } from '../../scoring';
import { loadRecording } from '../../testing/load';
import { only, panelProps, serveAppSettings } from '../../testing/grafana';
import { recordedPanelData } from '../../testing/recordings';
import { DomainOverheadPanel } from './DomainOverheadPanel';
import { defaultOptions, type DomainOverheadOptions } from './types';

const prometheus = recordedPanelData(loadRecording('domainoverhead.prometheus'));
const perfscope = recordedPanelData(loadRecording('domainoverhead.perfscope'));
// What Grafana gives the panel from its field config defaults (module.ts).
const fieldConfig: FieldConfigSource = { defaults: { unit: 'percent', decimals: 2, min: 0 }, overrides: [] };

function show(
  data = prometheus,
  options: Partial<DomainOverheadOptions> = {},
  size = { width: 700, height: 400 },
  config = fieldConfig
) {
  const props = panelProps({ ...defaultOptions, ...options }, data, size);
  props.fieldConfig = config;
  return render(<DomainOverheadPanel {...props} />);
}

const rows = (section: HTMLElement) =>
  within(section)
    .getAllByRole('row')
    .filter((r) => r.getAttribute('data-domain'))
    .map((r) => [
      r.getAttribute('data-domain'),
      within(r)
        .getAllByRole('cell')
        .filter((c) => !c.querySelector('svg'))
        .map((c) => c.textContent)
        .filter(Boolean)
        .join(' | '),
    ]);

beforeEach(() => serveAppSettings({ profile: defaultProfile() }));

it('shows one bar per domain, largest first, and the system total against its target', async () => {
  show(only(prometheus, 'service', 'domain-overhead'));
  const section = await screen.findByRole('region', { name: 'Domain overhead of domain-overhead' });
  expect(within(section).getByTestId('system-total')).toHaveTextContent(
    'System total 13.75% against its target of 4.70%Critical'
  );
  expect(rows(section)).toEqual([
    ['quality_validation', '6.00% | Critical'],
    ['compliance_evaluation', '4.00% | Warning'],
    ['system_complexity', '2.25% | Info'],
    ['strategic_reporting', '1.00% | OK'],
    ['workflow_optimization', '0.50% | OK'],
  ]);
  expect(within(section).getByRole('rowheader', { name: /quality_validation/ })).toHaveTextContent(
    '(target 1.50%, warning 3.00%, critical 5.00%)'
  );
  expect(within(section).getAllByRole('img', { name: /overhead over the time range/ })).toHaveLength(5);
});

it.each([
  ['Prometheus queries', prometheus],
  ['the PerfScope datasource', perfscope],
])('shows a section per service from %s', async (_name, data) => {
  show(data, { sortBy: 'name' });
  const sections = await screen.findAllByRole('region');
  expect(sections.map((s) => s.getAttribute('aria-label'))).toEqual(
    ['budget-burn', 'degraded', 'domain-overhead', 'healthy', 'incident'].map((s) => `Domain overhead of ${s}`)
  );
  expect(rows(sections[2]).map(([name]) => name)).toEqual([
    'compliance_evaluation',
    'quality_validation',
    'strategic_reporting',
    'system_complexity',
    'workflow_optimization',
  ]);
  expect(within(sections[1]).getByTestId('system-total')).toHaveTextContent('5.00%');
});

it('links each domain to its drill-down', async () => {
  const config = {
    defaults: {
      ...fieldConfig.defaults,
      links: [{ title: 'Development', url: '/d/perfscope-development?var-domain=${__field.labels.domain}' }],
    },
    overrides: [],
  };
  show(only(prometheus, 'service', 'degraded'), {}, undefined, config);
  const link = await screen.findByRole('link', { name: 'quality_validation' });
  expect(link).toHaveAttribute('href', '/d/perfscope-development?var-domain=quality_validation');
});

it('compares with the baseline in baseline mode', async () => {
  show(only(prometheus, 'service', 'domain-overhead'), { mode: 'baseline', showSystem: false });
  const section = await screen.findByRole('region');
  expect(rows(section).slice(0, 2)).toEqual([
    ['quality_validation', '50.00% | Critical'],
    ['strategic_reporting', '25.00% | Critical'],
  ]);
  expect(screen.queryByTestId('system-total')).not.toBeInTheDocument();
});

it('drops the trends when narrow and the bars when very narrow', async () => {
  show(only(prometheus, 'service', 'healthy'), {}, { width: 240, height: 200 });
  await screen.findByRole('region');
  expect(screen.queryByRole('img')).not.toBeInTheDocument();
  expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Domain', 'Overhead', 'Band']);
});

it('says which queries it reads when there is no data', async () => {
  show({ ...prometheus, series: [] });
  expect(await screen.findByTestId('panel-nodata')).toHaveTextContent(
    "Share mode reads the queries domain_time and total_time, with service and domain labels, or the PerfScope datasource's domain overhead query."
  );
});

it('shows a query error', async () => {
  show({ ...prometheus, series: [], state: LoadingState.Error, errors: [{ refId: 'total_time', message: 'timeout' }] });
  expect(await screen.findByRole('alert')).toHaveTextContent('Query total_time: timeout');
});

it('names a bad panel threshold', async () => {
  show(prometheus, { thresholds: { system: { target: 12 } } });
  expect(await screen.findByRole('alert')).toHaveTextContent('system.critical must be greater than target');
});

// Worst band first (the service's system total or worst domain), then the larger overhead, then by name.
const WORST_FIRST = ['domain-overhead', 'degraded', 'budget-burn', 'healthy', 'incident'];
const SEVERITY = ['Critical', 'Warning', 'Info', 'OK', 'No data'];
const worstOf = (section: HTMLElement) =>
  Math.min(
    ...[
      ...rows(section).map(([, cells]) => cells!.split(' | ')[1]),
      within(section).getByTestId('system-total').textContent!,
    ]
      .map((text) => SEVERITY.findIndex((band) => text.endsWith(band)))
      .filter((i) => i >= 0)
  );

const sectionNames = async () =>
  (await screen.findAllByRole('region')).map((s) => s.getAttribute('aria-label')!.replace('Domain overhead of ', ''));

it.each([
  ['Prometheus queries', prometheus],
  ['the PerfScope datasource', perfscope],
])('sorting by band puts the service with the worst domain first, from %s', async (_name, data) => {
  show(data, { sortBy: 'band' });
  expect(await sectionNames()).toEqual(WORST_FIRST);
  const sections = screen.getAllByRole('region');
  const worst = sections.map(worstOf);
  expect(worst).toEqual([...worst].sort((a, b) => a - b));
  const bands = rows(sections[0]).map(([, cells]) => cells!.split(' | ')[1]);
  expect(bands).toEqual([...bands].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b)));
});

it('puts the worst service and domain first in a small panel, whatever the sort option', async () => {
  show(perfscope, { sortBy: 'name' }, { width: 250, height: 150 });
  expect(await sectionNames()).toEqual(WORST_FIRST);
  expect(screen.getByTestId('perfscope-domainoverhead')).toHaveAttribute('data-layout', 'compact');
  expect(rows(screen.getAllByRole('region')[0])[0][1]).toMatch(/Critical$/);
});

it('says on each band why the value has it: a value past its target can still be banded by its sub-score', async () => {
  const user = userEvent.setup();
  show(only(prometheus, 'service', 'domain-overhead'));
  const section = await screen.findByRole('region', { name: 'Domain overhead of domain-overhead' });
  const system = within(within(section).getByTestId('system-total')).getByText('Critical');
  await user.hover(system);
  expect(await screen.findByRole('tooltip')).toHaveTextContent(
    /^13\.75% is past critical at .*: sub-score \d+ \(target 100, warning 70, critical 50\), so Critical\. Bands: OK from 90, Info from 70, Warning from 50, Critical below\.$/
  );
  await user.unhover(system);
  const row = within(section)
    .getAllByRole('row')
    .find((r) => r.getAttribute('data-domain') === 'system_complexity')!;
  await user.hover(within(row).getByText('Info'));
  expect(await screen.findByRole('tooltip')).toHaveTextContent(/^2\.25% is over its target of .*, so Info\./);
});
