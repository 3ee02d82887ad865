import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

import { defaultProfile } from '../scoring';
import { testDatasource } from '../testing/datasource';

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

// GET /presets serves pkg/presets' embedded copy of the catalogue; it must be the catalogue byte for byte.
it('the backend presets are the catalogue the library reads', () => {
  const root = join(__dirname, '../..');
  expect(readFileSync(join(root, 'pkg/presets/catalogue.json'), 'utf8')).toBe(
    readFileSync(join(root, 'src/scoring/presets/catalogue.json'), 'utf8')
  );
});
