/** @jest-environment node */
import { defaultProfile, promqlSyntaxError, type Profile } from '../scoring';
import { measuresOf } from '../datasource/measures';
import { buildGrafanaAlertRules, DEFAULT_TARGETS, grafanaProvisioningFile, type GrafanaAlertRule } from '.';

const build = (profile: Profile = defaultProfile(), options = {}) =>
  buildGrafanaAlertRules(profile, DEFAULT_TARGETS, options);
const byUid = (rules: GrafanaAlertRule[], uid: string) => {
  const rule = rules.find((r) => r.uid === uid);
  if (!rule) {
    throw new Error(`no rule ${uid} among ${rules.map((r) => r.uid).join(', ')}`);
  }
  return rule;
};
const model = (rule: GrafanaAlertRule, refId: string) => rule.data.find((d) => d.refId === refId)!.model;

describe('buildGrafanaAlertRules on the default profile', () => {
  const rules = build();

  it('builds the alerts of the issue, by severity, with stable uids', () => {
    const of = (severity: string) => rules.filter((r) => r.labels.severity === severity).map((r) => r.title);
    expect(of('critical')).toEqual([
      'Latency p95 above 1 s',
      'Error rate above 1 %',
      'CPU above 90 %',
      'Memory above 95 %',
      'Health score below 50',
      'System overhead above 10 %',
      'Error budget burn above 14.4x (1h and 5m)',
      'Error budget burn above 6x (6h and 30m)',
      'Error-budget policy: page',
      'Error-budget policy: freeze',
    ]);
    expect(of('warning')).toEqual([
      'Latency p95 above 0.5 s',
      'Error rate above 0.5 %',
      'CPU above 80 %',
      'Memory above 90 %',
      'Key indicator without data while the service serves requests',
      'Health score below 70',
      "A domain's overhead above 3 %",
      'Error budget burn above 3x (1d and 2h)',
      'Database pool above 80 %',
    ]);
    expect(of('info')).toEqual([
      'Health score below 90',
      'Error budget burn above 1x (3d and 6h)',
      'Latency p95 20 % slower than 7d ago',
      'Memory growing more than 5 MB a day for 3 days',
    ]);
    expect(new Set(rules.map((r) => r.uid)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.uid).toMatch(/^perfscope-[a-z0-9-]{1,30}$/);
      expect(r.uid.length).toBeLessThanOrEqual(40);
    }
  });

  it("labels every rule for routing and for the settings page's Apply", () => {
    for (const r of rules) {
      expect(r.labels).toMatchObject({ perfscope: 'managed', service: '{{ .Labels.service }}', team: 'platform' });
      expect(['critical', 'warning', 'info']).toContain(r.labels.severity);
      expect(r.folderUID).toBe('perfscope');
      expect(r.ruleGroup).toMatch(/^perfscope-/);
    }
  });

  it('annotates every rule with a summary, the value, a runbook and the panel that explains it', () => {
    for (const r of rules) {
      expect(Object.keys(r.annotations).sort()).toEqual(
        ['__dashboardUid__', '__panelId__', 'description', 'runbook_url', 'summary'].sort()
      );
      expect(r.annotations.description).toMatch(/\{\{ (printf "%\.4g"|humanize) \.Values\.[AT]\.Value \}\}/);
      expect(r.annotations.runbook_url).toMatch(
        /^https:\/\/github\.com\/perfscope\/perfscope\/blob\/main\/docs\/alerts\.md#[a-z0-9-]+$/
      );
      expect(r.annotations.__panelId__).toMatch(/^\d+$/);
    }
  });

  it('names only refIds it defines, queries its two datasources with valid queries, and conditions on C', () => {
    for (const r of rules) {
      const refIds = r.data.map((d) => d.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      expect(refIds).toContain(r.condition);
      for (const d of r.data.filter((q) => q.datasourceUid !== '__expr__')) {
        expect(d.relativeTimeRange.from).toBeGreaterThan(0);
        if (d.datasourceUid === 'perfscope-health') {
          expect(d.model).toMatchObject({ refId: d.refId, datasource: { type: 'perfscope-health-datasource' } });
          expect(d.queryType).toBe(d.model.queryType);
          expect(measuresOf(d.queryType).map((m) => m.value)).toContain(d.model.measure);
          continue;
        }
        expect(d.datasourceUid).toBe('perfscope-prometheus');
        expect(d.model).toMatchObject({ refId: d.refId, instant: true, datasource: { type: 'prometheus' } });
        expect(promqlSyntaxError(String(d.model.expr))).toBeNull();
      }
      const condition = model(r, r.condition);
      const used =
        condition.type === 'threshold'
          ? [String(condition.expression)]
          : [...String(condition.expression).matchAll(/\$(\w+)/g)].map((m) => m[1]);
      for (const ref of used) {
        expect(refIds).toContain(ref);
      }
    }
  });

  it('guards request-driven alerts with traffic and leaves saturation alerts unguarded', () => {
    expect(model(byUid(rules, 'perfscope-error-rate-critical'), 'C').expression).toBe('$A > 1 && $T >= 0.1');
    expect(model(byUid(rules, 'perfscope-burn-rate-fast-burn'), 'C').expression).toBe('$A > 0 && $T >= 0.1');
    expect(model(byUid(rules, 'perfscope-burn-rate-fast-burn'), 'T').expr).toContain('[5m]');
    expect(model(byUid(rules, 'perfscope-burn-rate-slow-drain'), 'T').expr).toContain('[6h]');
    expect(model(byUid(rules, 'perfscope-cpu-critical'), 'C')).toMatchObject({
      type: 'threshold',
      expression: 'A',
      conditions: [{ evaluator: { type: 'gt', params: [90] } }],
    });
    expect(byUid(rules, 'perfscope-cpu-critical').data.map((d) => d.refId)).toEqual(['A', 'C']);
  });

  it('chooses noDataState and execErrState per kind of alert', () => {
    const states = (uid: string) => [byUid(rules, uid).noDataState, byUid(rules, uid).execErrState];
    expect(states('perfscope-error-rate-critical')).toEqual(['OK', 'Error']);
    expect(states('perfscope-error-rate-warning')).toEqual(['OK', 'KeepLast']);
    expect(states('perfscope-memory-critical')).toEqual(['NoData', 'Error']);
    expect(states('perfscope-memory-warning')).toEqual(['OK', 'KeepLast']);
    expect(states('perfscope-db-pool-warning')).toEqual(['OK', 'KeepLast']);
    // Rules on the PerfScope datasource report its errors at every severity (docs/alerts.md says why).
    expect(states('perfscope-burn-rate-slow-drain')).toEqual(['OK', 'Error']);
    expect(states('perfscope-health-score-info')).toEqual(['OK', 'Error']);
    expect(states('perfscope-domain-overhead-warning')).toEqual(['OK', 'Error']);
  });

  it('asks the PerfScope datasource for the health score, overhead and burn-rate tiers, with the measure of each', () => {
    const perfscope = (r: GrafanaAlertRule) => r.data.find((d) => d.datasourceUid === 'perfscope-health')?.model;
    const asked = Object.fromEntries(
      rules
        .filter((r) => perfscope(r))
        .map((r) => {
          const { refId, datasource, intervalMs, maxDataPoints, ...query } = perfscope(r)!;
          return [r.uid, query];
        })
    );
    const health = { queryType: 'health', measure: 'score', service: '.+', rateInterval: '5m' };
    const tier = (name: string) => ({ queryType: 'sla', measure: 'tierFiring', tier: name, service: '.+' });
    const policy = { queryType: 'sla', measure: 'policyState', service: '.+' };
    expect(asked).toEqual({
      'perfscope-health-score-critical': health,
      'perfscope-health-score-warning': health,
      'perfscope-health-score-info': health,
      'perfscope-system-overhead-critical': {
        queryType: 'domainOverhead',
        measure: 'system',
        service: '.+',
        rateInterval: '5m',
      },
      'perfscope-domain-overhead-warning': {
        queryType: 'domainOverhead',
        measure: 'domain',
        service: '.+',
        rateInterval: '5m',
      },
      'perfscope-burn-rate-fast-burn': tier('fast-burn'),
      'perfscope-burn-rate-slow-burn': tier('slow-burn'),
      'perfscope-burn-rate-budget-drain': tier('budget-drain'),
      'perfscope-burn-rate-slow-drain': tier('slow-drain'),
      'perfscope-budget-policy-page': policy,
      'perfscope-budget-policy-freeze': policy,
    });
    for (const [uid, level] of [
      ['perfscope-budget-policy-page', 1],
      ['perfscope-budget-policy-freeze', 2],
    ] as const) {
      expect(model(byUid(rules, uid), 'C').conditions).toEqual([{ evaluator: { type: 'gt', params: [level] } }]);
    }
    expect(model(byUid(rules, 'perfscope-health-score-warning'), 'C').expression).toBe('$A < 70 && $T >= 0.1');
    expect(model(byUid(rules, 'perfscope-system-overhead-critical'), 'C').expression).toBe('$A > 10 && $T >= 0.1');
    expect(model(byUid(rules, 'perfscope-domain-overhead-warning'), 'C').expression).toBe('$A > 3 && $T >= 0.1');
  });

  it("leaves PerfScope's maths to the datasource: the only PromQL of its rules is the traffic guard", () => {
    const traffic = 'sum by (service) (rate(http_requests_total{service=~".+"}[';
    // The budget policy's rules have no guard: a spent budget stays spent when traffic stops.
    const guarded = (r: GrafanaAlertRule) => !r.uid.startsWith('perfscope-budget-policy-');
    for (const r of rules.filter((rule) => rule.data.some((d) => d.datasourceUid === 'perfscope-health'))) {
      const promql = r.data.filter((d) => d.datasourceUid === 'perfscope-prometheus');
      if (!guarded(r)) {
        expect([r.uid, promql.length]).toEqual([r.uid, 0]);
        continue;
      }
      expect([r.uid, promql.map((d) => d.refId)]).toEqual([r.uid, ['T']]);
      expect(String(promql[0].model.expr).startsWith(traffic)).toBe(true);
    }
    // No Grafana rule computes a sub-score, a burn rate or an overhead share in PromQL.
    const everyExpr = rules.flatMap((r) => r.data.map((d) => String(d.model.expr ?? ''))).join('\n');
    expect(everyExpr).not.toMatch(/clamp\(|\/ \(1 - 99\.9 \/ 100\)|domain_duration_seconds/);
  });

  it('prints the traffic, not a 0 or 1, in a burn-rate tier alert', () => {
    const description = byUid(rules, 'perfscope-burn-rate-fast-burn').annotations.description;
    expect(description).toContain('more than 14.4x as fast as the SLO allows over both 1h and 5m');
    expect(description).toContain('{{ printf "%.4g" .Values.T.Value }} requests per second');
    expect(description).not.toContain('.Values.A');
  });

  it('is the same on every build, so "Apply" finds identical rules and leaves them alone', () => {
    expect(build()).toEqual(rules);
  });
});

describe('buildGrafanaAlertRules follows the profile', () => {
  it('moves thresholds and titles with the indicators', () => {
    const p = defaultProfile();
    p.indicators[1].warning = 0.4;
    p.indicators[1].critical = 2;
    const rules = build(p);
    expect(byUid(rules, 'perfscope-error-rate-critical').title).toBe('Error rate above 2 %');
    expect(model(byUid(rules, 'perfscope-error-rate-critical'), 'C').expression).toBe('$A > 2 && $T >= 0.1');
    expect(model(byUid(rules, 'perfscope-error-rate-warning'), 'C').expression).toBe('$A > 0.4 && $T >= 0.1');
  });

  it('drops the alerts of disabled indicators and tiers', () => {
    const p = defaultProfile();
    p.indicators[2].enabled = false;
    p.sla.burnRateTiers[3].enabled = false;
    const uids = build(p).map((r) => r.uid);
    expect(uids).not.toContain('perfscope-cpu-critical');
    expect(uids).not.toContain('perfscope-burn-rate-slow-drain');
    expect(uids).toContain('perfscope-burn-rate-budget-drain');
  });

  it('gives each overridden domain its own rule, and the default rule the other domains', () => {
    const p = defaultProfile();
    p.domains.overrides = { compliance_evaluation: { target: 2, warning: 4, critical: 6 } };
    const rules = build(p);
    const rest = model(byUid(rules, 'perfscope-domain-overhead-warning'), 'A');
    const own = rules.find((r) => r.title.startsWith('Domain compliance_evaluation'))!;
    expect(own.uid).toMatch(/^perfscope-domain-overhead-compl-[0-9a-f]{8}$/);
    expect(rest).toMatchObject({ measure: 'domain', excludeDomain: 'compliance_evaluation' });
    expect(rest.domain).toBeUndefined();
    expect(model(own, 'A')).toMatchObject({ measure: 'domain', domain: 'compliance_evaluation' });
    expect(model(own, 'A').excludeDomain).toBeUndefined();
    // Domain names are literals in the datasource's regular expressions.
    p.domains.overrides = { 'search.v2': { target: 2, warning: 4, critical: 6 }, billing: p.domains.defaults };
    const two = build(p);
    expect(model(byUid(two, 'perfscope-domain-overhead-warning'), 'A').excludeDomain).toBe('billing|search\\.v2');
    expect(
      model(
        two.find((r) => r.title.startsWith('Domain search.v2'))!,
        'A'
      ).domain
    ).toBe('search\\.v2');
    expect(model(own, 'C').expression).toBe('$A > 4 && $T >= 0.1');
    expect(own.title).toBe("Domain compliance_evaluation's overhead above 4 %");
  });

  it('alerts below the threshold for indicators where higher is better', () => {
    const p = defaultProfile();
    p.indicators[5].enabled = true;
    p.indicators.push({ ...p.indicators[5], id: 'saturation_headroom', name: 'Headroom', unit: 'percent' });
    const rule = byUid(build(p), 'perfscope-saturation-headroom-critical');
    expect(rule.title).toBe('Headroom below 0.1 %');
    expect(model(rule, 'C').expression).toBe('$A < 0.1 && $T >= 0.1');
  });

  it('takes the team, the traffic guard and the rate window from the options', () => {
    const rule = byUid(
      build(defaultProfile(), { team: 'payments', minRequestsPerSecond: 2, rateWindow: '2m' }),
      'perfscope-error-rate-critical'
    );
    expect(rule.labels.team).toBe('payments');
    expect(model(rule, 'C').expression).toBe('$A > 1 && $T >= 2');
    expect(model(rule, 'A').expr).toContain('[2m]');
  });

  it('says which option or profile field it cannot use', () => {
    expect(() => build(defaultProfile(), { rateWindow: 'soon' })).toThrow(
      /^rateWindow: "soon" is not a Prometheus duration/
    );
    expect(() => build(defaultProfile(), { minRequestsPerSecond: -1 })).toThrow(/^minRequestsPerSecond must be/);
    const p = defaultProfile();
    p.indicators[2].query = 'avg by (service) (cpu{cluster="$cluster"})';
    expect(() => build(p)).toThrow(/^indicators\[2\]\.query uses \$cluster, which rules cannot fill in/);
    const q = defaultProfile();
    q.indicators[0].query = 'histogram_quantile(0.95, sum by (service, le) (rate(x_bucket[5m] offset 1h)))';
    expect(() => build(q)).toThrow(/^indicators\[0\]\.query already has an offset/);
  });
});

describe('grafanaProvisioningFile', () => {
  it('groups the rules in the PerfScope folder with the dashboard links as rule fields', () => {
    const file = grafanaProvisioningFile(build()) as {
      apiVersion: number;
      groups: Array<{ name: string; folder: string; interval: string; rules: Array<Record<string, unknown>> }>;
    };
    expect(file.apiVersion).toBe(1);
    expect(file.groups.map((g) => [g.name, g.interval])).toEqual([
      ['perfscope-health', '1m'],
      ['perfscope-slo', '1m'],
      ['perfscope-overhead', '1m'],
      ['perfscope-signals', '1m'],
      ['perfscope-trends', '4m'],
    ]);
    const rules = file.groups.flatMap((g) => g.rules);
    expect(rules).toHaveLength(build().length);
    for (const g of file.groups) {
      expect(g.folder).toBe('PerfScope');
    }
    const first = rules[0];
    expect(first).toMatchObject({
      uid: 'perfscope-latency-p95-critical',
      dashboardUid: 'perfscope-operations',
      panelId: 2,
    });
    expect(first.annotations).not.toHaveProperty('__panelId__');
    // Grafana expands $VAR in provisioned titles and labels: templates use .Labels, never $labels.
    expect(JSON.stringify(rules.map((r) => [r.title, r.labels]))).not.toContain('$');
  });
});
