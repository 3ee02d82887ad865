import { statSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_TARGETS } from '../../alerting';
import { buildDashboards, dashboardFile, dashboardText, type DashboardTargets } from '../../dashboards';
import { requiredFlag, stringFlag, type ParsedFlags } from '../args';
import type { Command } from '../command';
import { EXIT_HEALTHY, UsageError } from '../errors';
import { loadProfile, writeAtomically } from '../files';

/** A Grafana uid: letters, digits, "-" and "_", 40 characters at most. */
const UID = /^[A-Za-z0-9_-]{1,40}$/;

export const dashboardsCommand: Command = {
  name: 'dashboards',
  summary: 'write the executive, operations and development dashboards for a profile',
  usage: 'perfscope dashboards --profile FILE --out DIR [--prometheus-uid UID] [--perfscope-uid UID]',
  flags: [
    { name: 'profile', value: 'FILE', help: 'the scoring profile the dashboards follow' },
    {
      name: 'out',
      value: 'DIR',
      help: 'write executive.json, operations.json and development.json into DIR (each whole or not at all)',
    },
    {
      name: 'prometheus-uid',
      value: 'UID',
      help: `uid of the Prometheus datasource the dashboards choose by default (default ${DEFAULT_TARGETS.prometheusUid})`,
    },
    {
      name: 'perfscope-uid',
      value: 'UID',
      help: `uid of the PerfScope datasource the dashboards choose by default (default ${DEFAULT_TARGETS.perfscopeUid})`,
    },
  ],
  async run(flags, io) {
    const profilePath = requiredFlag(flags, 'profile', 'FILE');
    const out = requiredFlag(flags, 'out', 'DIR');
    const targets: DashboardTargets = {
      prometheusUid: uidFlag(flags, 'prometheus-uid', DEFAULT_TARGETS.prometheusUid),
      perfscopeUid: uidFlag(flags, 'perfscope-uid', DEFAULT_TARGETS.perfscopeUid),
    };
    const profile = loadProfile(profilePath);
    let kind: string;
    try {
      kind = statSync(out).isDirectory() ? 'directory' : 'file';
    } catch {
      kind = 'missing';
    }
    if (kind !== 'directory') {
      throw new UsageError(`--out ${out}: ${kind === 'missing' ? 'no such directory' : 'not a directory'}`);
    }
    let dashboards: ReturnType<typeof buildDashboards>;
    try {
      dashboards = buildDashboards(profile, targets);
    } catch (e) {
      throw new UsageError(`--profile ${profilePath}: ${(e as Error).message}`);
    }
    for (const d of dashboards) {
      const path = join(out, dashboardFile(d.key));
      writeAtomically(path, dashboardText(d.json));
      io.err(`perfscope dashboards: wrote ${path}`);
    }
    return EXIT_HEALTHY;
  },
};

function uidFlag(flags: ParsedFlags, name: string, fallback: string): string {
  const value = stringFlag(flags, name) ?? fallback;
  if (!UID.test(value)) {
    throw new UsageError(
      `--${name} must be a Grafana uid (letters, digits, "-" and "_", 40 at most), not ${JSON.stringify(value)}`
    );
  }
  return value;
}
