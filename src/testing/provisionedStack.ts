import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { parseDuration } from '../scoring';
import { fakeAlerting, type Stored } from './grafanaAlerting';

// Needs Node's build of yaml: a test importing it sets customExportConditions to node.

interface FileGroup {
  name: string;
  folder: string;
  interval: string;
  rules: Array<
    Record<string, unknown> & { dashboardUid?: string; panelId?: number; annotations: Record<string, string> }
  >;
}

/**
 * Grafana as the compose stack starts it: provisioning/alerting/perfscope-rules.yaml loaded, so its folder
 * (found by title) has a uid Grafana generated and every rule has provenance "file".
 */
export function provisionedStack(folderUid = 'bf9c2d71e0a4') {
  const file = parse(readFileSync(join(__dirname, '../../provisioning/alerting/perfscope-rules.yaml'), 'utf8'));
  const groups: FileGroup[] = file.groups;
  const rules = groups.flatMap(
    (g) =>
      g.rules.map(({ dashboardUid, panelId, annotations, ...rule }) => ({
        ...rule,
        ruleGroup: g.name,
        folderUID: folderUid,
        annotations: { ...annotations, __dashboardUid__: dashboardUid!, __panelId__: String(panelId) },
        id: 0,
        orgID: 1,
        updated: '2026-01-30T00:00:00Z',
        provenance: 'file',
      })) as unknown as Stored[]
  );
  return fakeAlerting({
    folders: [{ uid: folderUid, title: groups[0].folder }],
    rules,
    intervals: groups.map((g) => [`${folderUid}/${g.name}`, parseDuration(g.interval)! / 1000]),
  });
}
