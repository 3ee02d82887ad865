import { discover } from '../../discovery/discover';
import { discoveryReport } from '../../discovery/report';
import { isLabelName } from '../../scoring';
import { answerLimits, durationFlag, limitFlags, MAX_TIMEOUT, requiredFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { EXIT_HEALTHY, EXIT_UNHEALTHY, UsageError } from '../errors';
import { loadProfile, writeAtomically } from '../files';
import { prometheusClient } from '../prometheus';
import { parseTime } from '../time';

export const discoverCommand: Command = {
  name: 'discover',
  summary: 'recognise the metrics a Prometheus holds and write a profile that scores them, with a coverage report',
  usage: 'perfscope discover --prometheus URL [--out FILE] [--service-label L] [--profile BASE] [--at TIME]',
  flags: [
    {
      name: 'prometheus',
      value: 'URL',
      help: 'Prometheus, Thanos, Mimir or VictoriaMetrics base URL (auth: PERFSCOPE_PROMETHEUS_TOKEN, or _USER and _PASSWORD)',
    },
    { name: 'out', value: 'FILE', help: 'write the profile to FILE (all or nothing) instead of standard output' },
    { name: 'service-label', value: 'L', help: 'the label that names services (default: recognised)' },
    {
      name: 'profile',
      value: 'BASE',
      help: 'keep the thresholds, weights and SLA of this profile (default: the built-in one)',
    },
    { name: 'at', value: 'TIME', help: 'look at the server as of this time (RFC 3339 or Unix seconds; default: now)' },
    ...limitFlags,
  ],
  async run(flags, io) {
    const url = requiredFlag(flags, 'prometheus', 'URL');
    const out = stringFlag(flags, 'out');
    const serviceLabel = stringFlag(flags, 'service-label');
    if (serviceLabel !== undefined && !isLabelName(serviceLabel)) {
      throw new UsageError(`--service-label must be a Prometheus label name, not ${JSON.stringify(serviceLabel)}`);
    }
    const base = loadProfile(stringFlag(flags, 'profile'));
    const atText = stringFlag(flags, 'at');
    const at = atText === undefined ? io.now() : parseTime(atText, 'at');
    const client = prometheusClient(
      url,
      io.env,
      durationFlag(stringFlag(flags, 'timeout'), 'timeout', '30s', MAX_TIMEOUT),
      fetch,
      ...answerLimits(flags)
    );

    const found = await discover(client, { at, serviceLabel, base });
    const report = (text: string) => (out === undefined ? io.err(text) : io.out(text));
    report(discoveryReport(found).join('\n'));
    if (!found.profile) {
      io.err('perfscope discover: no profile written: nothing PerfScope can score was recognised (see above)');
      return EXIT_UNHEALTHY;
    }
    const text = `${JSON.stringify(found.profile, null, 2)}\n`;
    if (out === undefined) {
      io.out(text.trimEnd());
    } else {
      writeAtomically(out, text);
      io.err(`perfscope discover: wrote ${out}; check it with: perfscope check --prometheus URL --profile ${out}`);
    }
    return EXIT_HEALTHY;
  },
};
