import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

import { defaultProfile, metricPresets } from '../scoring';
import { testDatasource } from './testDatasource';

const datasource = testDatasource;

describe('PerfScopeDataSource', () => {
  it('uses the configured profile, else the default one', () => {
    expect(datasource().profile).toEqual(defaultProfile());
    const profile = { ...defaultProfile(), aggregation: 'worst' };
    expect(datasource({ profile }).profile.aggregation).toBe('worst');
    expect(datasource({ profile: 'aws-default' }).profile).toEqual(defaultProfile());
  });

  it('skips hidden queries and promql queries without an expression', () => {
    const ds = datasource();
    expect(ds.filterQuery({ refId: 'A', queryType: 'health' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', queryType: 'health', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', queryType: 'promql', expr: '  ' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', queryType: 'promql', expr: 'up' })).toBe(true);
  });

  it('interpolates $service and the domain filters as regular expressions', () => {
    const formats: Array<[string, unknown]> = [];
    // Grafana's template service, reduced to a multi-value $service variable
    setTemplateSrv({
      replace: (text: string, _vars: unknown, format?: unknown) => {
        formats.push([text, format]);
        return text.replace('$service', format === 'regex' ? '(checkout|cart)' : 'checkout,cart');
      },
    } as unknown as TemplateSrv);
    const q = datasource().applyTemplateVariables(
      { refId: 'A', queryType: 'domainOverhead', service: '$service', domain: 'billing', excludeDomain: '$service' },
      {}
    );
    expect(q.service).toBe('(checkout|cart)');
    expect(q.excludeDomain).toBe('(checkout|cart)');
    expect(formats).toEqual([
      ['$service', 'regex'],
      ['billing', 'regex'],
      ['$service', 'regex'],
    ]);
  });
});

// GET /presets serves pkg/scoring's presets; the golden file both sides check keeps them equal.
it('the backend presets equal src/scoring presets', () => {
  const golden = JSON.parse(readFileSync(join(__dirname, '../../pkg/scoring/testdata/presets.golden.json'), 'utf8'));
  expect(golden).toEqual(metricPresets);
});
