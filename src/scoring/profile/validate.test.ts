/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultProfile } from './defaults';
import { applyPresets, presets } from '../presets/profile';
import { parseProfile, validateProfile } from './validate';

const messages = (raw: unknown) => validateProfile(raw).map((p) => p.message);
const withIndicator = (i: number, patch: Record<string, unknown>) => {
  const profile = defaultProfile() as unknown as { indicators: Array<Record<string, unknown>> };
  Object.assign(profile.indicators[i], patch);
  return profile;
};

describe('default profile', () => {
  it('is valid and equals testdata/profiles/default.json', () => {
    expect(validateProfile(defaultProfile())).toEqual([]);
    const file = JSON.parse(readFileSync(join(__dirname, '../../../testdata/profiles/default.json'), 'utf8'));
    expect(file).toEqual(defaultProfile());
  });

  it('has the decided indicators, thresholds and weights', () => {
    const rows = defaultProfile().indicators.map((i) => [
      i.id,
      i.unit,
      i.direction,
      i.target,
      i.warning,
      i.critical,
      i.weight,
      i.key,
      i.enabled,
    ]);
    expect(rows).toEqual([
      ['latency_p95', 's', 'lower', 0.2, 0.5, 1, 0.3, true, true],
      ['error_rate', 'percent', 'lower', 0.1, 0.5, 1, 0.3, true, true],
      ['cpu', 'percent', 'lower', 70, 80, 90, 0.15, false, true],
      ['memory', 'percent', 'lower', 80, 90, 95, 0.15, false, true],
      ['availability', 'percent', 'higher', 99.9, 99.5, 99, 0.1, false, true],
      ['throughput', 'reqps', 'higher', 1, 0.5, 0.1, 0.1, false, false],
    ]);
  });

  it('every preset keeps the profile valid, whatever the service label', () => {
    for (const preset of presets) {
      const choice = preset.kind === 'http' ? { http: preset } : { resources: preset };
      for (const serviceLabel of ['service', 'job', 'destination_service_name']) {
        const profile = applyPresets({ serviceLabel, ...choice }, defaultProfile());
        expect([preset.id, serviceLabel, validateProfile(profile)]).toEqual([preset.id, serviceLabel, []]);
      }
    }
  });
});

describe('validateProfile', () => {
  it('names the field of non-monotonic thresholds in both directions', () => {
    expect(messages(withIndicator(2, { warning: 95 }))).toEqual([
      'indicators[2].warning must lie between target and critical',
    ]);
    expect(messages(withIndicator(2, { warning: 70 }))).toEqual([
      'indicators[2].warning must lie between target and critical',
    ]);
    expect(messages(withIndicator(0, { critical: 0.2 }))).toEqual([
      'indicators[0].critical must be greater than target',
    ]);
    expect(messages(withIndicator(4, { critical: 99.95 }))).toEqual([
      'indicators[4].critical must be less than target',
    ]);
    expect(messages(withIndicator(4, { warning: 98 }))).toEqual([
      'indicators[4].warning must lie between target and critical',
    ]);
  });

  it('reports every problem at once, in document order', () => {
    const profile = withIndicator(1, { weight: -1, query: 'sum(rate(x[5m])', direction: 'up' }) as unknown as Record<
      string,
      unknown
    >;
    profile.aggregation = 'average';
    (profile.indicators as Array<Record<string, unknown>>)[3].id = 'cpu';
    (profile.sla as Record<string, unknown>).period = '30 days';
    (profile.domains as Record<string, unknown>).baselineOffset = '';
    expect(messages(profile)).toEqual([
      'aggregation must be "weighted" or "worst"',
      'indicators[1].direction must be "lower" or "higher"',
      'indicators[1].weight must not be negative',
      'indicators[1].query is not valid PromQL',
      'indicators[3].id must be unique: "cpu" is used by an earlier indicator',
      'domains.baselineOffset must be a positive duration such as "5m", "1h30m" or "7d", at most 10y',
      'sla.period must be "month" or a positive duration such as "5m", "1h30m" or "7d", at most 10y',
    ]);
  });

  it('keeps the parser detail apart from the message', () => {
    expect(validateProfile(withIndicator(0, { query: 'sum(rate(x[$__rate_interval])' }))).toEqual([
      {
        path: 'indicators[0].query',
        message: 'indicators[0].query is not valid PromQL',
        detail: 'unexpected end of query',
      },
    ]);
    expect(validateProfile(withIndicator(0, { query: 'foo bar' }))[0].detail).toBe('unexpected "bar" at character 5');
  });

  it('accepts template variables wherever Grafana substitutes them', () => {
    const query = 'sum(rate(x{a="$service"}[$__rate_interval] offset $__range)) > ${threshold} and on() [[other]] > 0';
    expect(messages(withIndicator(0, { query }))).toEqual([]);
  });

  it('rejects empty queries of enabled indicators only', () => {
    expect(messages(withIndicator(0, { query: '  ' }))).toEqual(['indicators[0].query must not be empty']);
    expect(messages(withIndicator(5, { query: '' }))).toEqual([]);
    expect(messages(withIndicator(5, { query: 'rate(' }))).toEqual(['indicators[5].query is not valid PromQL']);
  });

  it('requires a positive weight in weighted mode and an enabled indicator in worst mode', () => {
    const zero = defaultProfile();
    zero.indicators.forEach((i) => (i.weight = 0));
    expect(messages(zero)).toEqual(['indicators must include an enabled indicator with a positive weight']);
    expect(messages({ ...zero, aggregation: 'worst' })).toEqual([]);
    const off = defaultProfile();
    off.indicators.forEach((i) => (i.enabled = false));
    expect(messages({ ...off, aggregation: 'worst' })).toEqual(['indicators must include an enabled indicator']);
  });

  it('checks domains, SLA and burn-rate tiers', () => {
    const profile = defaultProfile() as unknown as { domains: Record<string, unknown>; sla: Record<string, unknown> };
    profile.domains.overrides = {
      compliance_evaluation: { target: 2, warning: 1, critical: 6 },
      quality_validation: 3,
    };
    profile.domains.system = { target: 4.7, warning: 7 };
    profile.domains.mode = 'baseline';
    profile.domains.domainLatencyQuery = '';
    profile.sla.target = 100;
    profile.sla.burnRateTiers = [
      { name: 'fast', budgetFraction: 0, longWindow: '5m', shortWindow: '1h', severity: 'page' },
      { name: 'fast', budgetFraction: 0.1, longWindow: '1 h', shortWindow: '5m', severity: 'info', enabled: 'yes' },
    ];
    expect(messages(profile)).toEqual([
      'domains.overrides.compliance_evaluation.warning must lie between target and critical',
      'domains.overrides.quality_validation must be an object',
      'domains.system.critical must be a finite number',
      'domains.domainLatencyQuery must not be empty',
      'sla.target must be greater than 0 and less than 100',
      'sla.burnRateTiers[0].budgetFraction must be greater than 0 and at most 1',
      'sla.burnRateTiers[0].shortWindow must be shorter than longWindow',
      'sla.burnRateTiers[0].severity must be "critical" or "warning" or "info"',
      'sla.burnRateTiers[1].name must be unique: "fast" is used by an earlier tier',
      'sla.burnRateTiers[1].longWindow must be a positive duration such as "5m", "1h30m" or "7d", at most 10y',
      'sla.burnRateTiers[1].enabled must be true or false',
    ]);
  });

  it('rejects what is not a profile and names missing required fields', () => {
    expect(messages([])).toEqual(['the profile must be a JSON object']);
    expect(messages({ indicators: 'latency' })).toEqual(['indicators must be a list']);
    expect(messages({ indicators: [{ id: '' }] })).toEqual([
      'indicators[0].id must be a non-empty string',
      'indicators[0].direction must be "lower" or "higher"',
      'indicators[0].target must be a finite number',
      'indicators[0].warning must be a finite number',
      'indicators[0].critical must be a finite number',
      'indicators[0].weight must be a finite number',
      'indicators[0].query must not be empty',
      'indicators must include an enabled indicator with a positive weight',
    ]);
  });
});

describe('parseProfile', () => {
  it('fills absent optional fields from the defaults', () => {
    const ind = { id: 'p99', direction: 'lower', target: 1, warning: 2, critical: 3, weight: 1, query: 'up' };
    const { profile, problems } = parseProfile({ indicators: [ind], sla: { period: 'month' } });
    expect(problems).toEqual([]);
    expect(profile).toEqual({
      ...defaultProfile(),
      indicators: [{ ...ind, name: 'p99', unit: '', key: false, enabled: true }],
      sla: { ...defaultProfile().sla, period: 'month' },
    });
  });

  it('returns no profile when there is a problem', () => {
    expect(parseProfile(withIndicator(0, { weight: 'heavy' }))).toEqual({
      profile: null,
      problems: [{ path: 'indicators[0].weight', message: 'indicators[0].weight must be a finite number' }],
    });
  });
});
