/** @jest-environment-options {"customExportConditions": ["node", "node-addons"]} */
import { buildGrafanaAlertRules, DEFAULT_TARGETS, GROUPS, type GrafanaAlertRule } from '../../alerting';
import { defaultProfile, parseDuration, type Profile } from '../../scoring';
import { GrafanaApiError } from '../shared/grafanaApi';
import { fakeAlerting, type FakeAlerting } from '../../testing/grafanaAlerting';
import { provisionedStack } from '../../testing/provisionedStack';
import { applyAlertRules, regenerateCommand } from './alertRules';

const datasources = { prometheusUid: 'perfscope-prometheus', perfscopeUid: 'perfscope-health' };
const apply = (g: FakeAlerting, profile: Profile = defaultProfile(), ds = datasources) =>
  applyAlertRules(profile, ds, g.api);
const titles = (rules: Array<{ title: string }>) => rules.map((r) => r.title).sort();
const sorted = (list: string[]) => [...list].sort();

/** The rules whose built form differs between two profiles. */
function changedBetween(before: Profile, after: Profile): GrafanaAlertRule[] {
  const old = buildGrafanaAlertRules(before, DEFAULT_TARGETS);
  return buildGrafanaAlertRules(after, DEFAULT_TARGETS).filter(
    (r) => JSON.stringify(r) !== JSON.stringify(old.find((o) => o.uid === r.uid))
  );
}

function withCpuCritical(value: number): Profile {
  const profile = defaultProfile();
  profile.indicators.find((i) => i.id === 'cpu')!.critical = value;
  return profile;
}

const groupInterval = (name: string) =>
  parseDuration(Object.values(GROUPS).find((g) => g.name === name)!.interval)! / 1000;

describe('the compose stack: rules provisioned from provisioning/alerting/perfscope-rules.yaml', () => {
  it('finds their folder by title and, for the profile the file was built from, changes nothing', async () => {
    const g = provisionedStack();
    const report = await apply(g);
    expect(g.writes).toEqual([]);
    expect(g.folders).toHaveLength(1);
    expect(report.unchanged).toHaveLength(g.rules.size);
    expect([report.created, report.updated, report.fromFile, report.notOurs, report.stale]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });

  it('names the rules a change of thresholds needs, as the API cannot change them, and writes nothing', async () => {
    const g = provisionedStack();
    const profile = withCpuCritical(95);
    const changed = changedBetween(defaultProfile(), profile);
    expect(changed.length).toBeGreaterThan(0);
    const report = await apply(g, profile);
    expect(sorted(report.fromFile)).toEqual(titles(changed));
    expect(report.unchanged).toHaveLength(g.rules.size - changed.length);
    expect(g.writes).toEqual([]);
  });

  it('names every rule when another Prometheus is chosen, with the command for it', async () => {
    const g = provisionedStack();
    const report = await apply(g, defaultProfile(), { ...datasources, prometheusUid: 'prometheus-eu' });
    const promql = [...g.rules.values()].filter((r) => r.data.some((q) => q.datasourceUid === 'perfscope-prometheus'));
    expect(sorted(report.fromFile)).toEqual(titles(promql));
    expect(g.writes).toEqual([]);
    expect(regenerateCommand({ ...datasources, prometheusUid: 'prometheus-eu' })).toBe(
      'npx perfscope rules --format grafana --profile FILE --prometheus-uid prometheus-eu --out provisioning/alerting/perfscope-rules.yaml'
    );
  });
});

describe('a Grafana without the rules file', () => {
  it('creates the folder with a uid Grafana generates, and each rule group at its own interval, editable in the UI', async () => {
    const g = fakeAlerting();
    const built = buildGrafanaAlertRules(defaultProfile(), { ...DEFAULT_TARGETS, folderUid: 'any' });
    const report = await apply(g);
    const [folder] = g.folders;
    expect(folder.title).toBe('PerfScope');
    expect(folder.uid).not.toBe('perfscope');
    const groups = [...new Set(built.map((r) => r.ruleGroup))];
    expect(g.writes).toEqual([
      'POST /api/folders',
      ...groups.map((name) => `PUT /api/v1/provisioning/folder/${folder.uid}/rule-groups/${name} (no provenance)`),
    ]);
    expect(sorted(report.created)).toEqual(titles(built));
    for (const name of groups) {
      expect([name, g.intervals.get(`${folder.uid}/${name}`)]).toEqual([name, groupInterval(name)]);
    }
    expect(g.intervals.get(`${folder.uid}/perfscope-trends`)).toBe(240);
    const stored = [...g.rules.values()];
    expect(
      stored.every((r) => r.folderUID === folder.uid && r.provenance === '' && r.labels.perfscope === 'managed')
    ).toBe(true);
  });

  it('changes nothing the second time', async () => {
    const g = fakeAlerting();
    await apply(g);
    g.writes.length = 0;
    const report = await apply(g);
    expect(g.writes).toEqual([]);
    expect(report.unchanged).toHaveLength(g.rules.size);
    expect([report.created, report.updated, report.fromFile, report.stale, report.intervals]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });

  it('queries the Prometheus datasource chosen on the page and the PerfScope datasource the profile is saved to', async () => {
    const g = fakeAlerting();
    await apply(g, defaultProfile(), { prometheusUid: 'prometheus-eu', perfscopeUid: 'perfscope-health' });
    const queries = [...g.rules.values()].flatMap((r) => r.data).filter((q) => q.datasourceUid !== '__expr__');
    expect(new Set(queries.map((q) => q.datasourceUid))).toEqual(new Set(['prometheus-eu', 'perfscope-health']));
  });

  it("rewrites only the groups whose rules changed, keeping the group's other rules and its interval", async () => {
    const g = fakeAlerting();
    await apply(g);
    const [folder] = g.folders;
    const cpu = [...g.rules.values()].find((r) => r.uid.startsWith('perfscope-cpu'))!;
    const foreign = { ...cpu, uid: 'team-payments-latency', title: 'Payments latency', labels: { team: 'payments' } };
    g.rules.set(foreign.uid, foreign);
    g.writes.length = 0;
    const profile = withCpuCritical(95);
    const changed = changedBetween(defaultProfile(), profile);
    const report = await apply(g, profile);
    expect(sorted(report.updated)).toEqual(titles(changed));
    const groups = [...new Set(changed.map((r) => r.ruleGroup))];
    expect(g.writes).toEqual(
      groups.map((name) => `PUT /api/v1/provisioning/folder/${folder.uid}/rule-groups/${name} (no provenance)`)
    );
    expect(g.rules.get(foreign.uid)).toEqual(foreign);
    expect(g.intervals.get(`${folder.uid}/${cpu.ruleGroup}`)).toBe(groupInterval(cpu.ruleGroup));
  });

  it("sets a group's interval back when it differs from PerfScope's", async () => {
    const g = fakeAlerting();
    await apply(g);
    const [folder] = g.folders;
    g.intervals.set(`${folder.uid}/perfscope-trends`, 60);
    g.writes.length = 0;
    const report = await apply(g);
    expect(report.intervals).toEqual(['perfscope-trends every 4m']);
    expect(g.writes).toEqual([
      `PUT /api/v1/provisioning/folder/${folder.uid}/rule-groups/perfscope-trends (no provenance)`,
    ]);
    expect(g.intervals.get(`${folder.uid}/perfscope-trends`)).toBe(240);
  });

  it('reports PerfScope rules the profile no longer builds and keeps them, even in a group it rewrites', async () => {
    const g = fakeAlerting();
    await apply(g);
    const profile = defaultProfile();
    profile.sla.burnRateTiers[3].enabled = false;
    profile.sla.burnRateTiers[0].budgetFraction /= 2;
    const next = buildGrafanaAlertRules(profile, DEFAULT_TARGETS);
    const gone = [...g.rules.values()].filter((r) => !next.some((n) => n.uid === r.uid));
    expect(gone.length).toBeGreaterThan(0);
    g.writes.length = 0;
    const report = await apply(g, profile);
    expect(sorted(report.stale)).toEqual(titles(gone));
    expect(report.updated.length).toBeGreaterThan(0);
    const [folder] = g.folders;
    expect(g.writes).toContain(
      `PUT /api/v1/provisioning/folder/${folder.uid}/rule-groups/${gone[0].ruleGroup} (no provenance)`
    );
    expect(gone.every((r) => g.rules.has(r.uid))).toBe(true);
  });

  it("leaves a rule with PerfScope's uid but not its label alone", async () => {
    const g = fakeAlerting();
    await apply(g);
    const [first] = g.rules.values();
    const theirs = { ...first, labels: { team: 'payments' }, title: 'Payments latency' };
    g.rules.set(first.uid, theirs);
    g.writes.length = 0;
    const report = await apply(g, withCpuCritical(95));
    expect(report.notOurs).toEqual(['Payments latency']);
    expect(g.rules.get(first.uid)).toEqual(theirs);
  });
});

it('stops on an API failure', async () => {
  const api = async () => {
    throw new GrafanaApiError(403, 'GET /api/folders: HTTP 403: Permission denied');
  };
  await expect(applyAlertRules(defaultProfile(), datasources, api)).rejects.toThrow('HTTP 403: Permission denied');
});
