import { metricNames } from '../scoring';
import { countOf, labelNames, type PrometheusApi } from './api';

/** Labels that often name services, in the order discovery prefers them. */
export const SERVICE_LABELS = ['service', 'service_name', 'app', 'application', 'job'];

const quote = (text: string) => JSON.stringify(text);

/**
 * Why a query found nothing for the services `serviceRegex` matches, naming the metric and label: the first
 * of its metrics that has no series, none with the service label (and which label its series carry instead),
 * or none for those services. Null when every metric has matching series (the rest of the query filters them
 * out). Costs at most three look-ups per metric.
 */
export async function explainMissing(
  api: PrometheusApi,
  query: string,
  label: string,
  serviceRegex: string,
  at: number,
  lookback = 3600e3
): Promise<string | null> {
  for (const metric of metricNames(query)) {
    if ((await countOf(api, `count(${metric})`, at)) === 0) {
      return `no series of ${metric}`;
    }
    const labelled = await countOf(api, `count(${metric}{${label}!=""})`, at);
    if (labelled === 0) {
      const names = await labelNames(api, metric, at - lookback, at);
      const instead = SERVICE_LABELS.find((l) => l !== label && names.includes(l));
      if (instead === undefined) {
        return `no series of ${metric} with label ${quote(label)}; its series carry ${names.filter((n) => n !== '__name__').join(', ') || 'no labels'}`;
      }
      const count = await countOf(api, `count(${metric}{${instead}!=""})`, at);
      return `no series of ${metric} with label ${quote(label)}; ${count} series carry ${quote(instead)} instead (try serviceLabel ${quote(instead)}, or --service-label ${instead} with discover)`;
    }
    if (serviceRegex !== '.*' && (await countOf(api, `count(${metric}{${label}=~${quote(serviceRegex)}})`, at)) === 0) {
      return `no series of ${metric} with ${label}=~${quote(serviceRegex)} (${labelled} series carry other ${quote(label)} values)`;
    }
  }
  return null;
}

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Beyond this many services, one explanation looks at every service rather than naming them. */
const NAMED_SERVICES = 20;

/** Why a query has no value for these services (one explanation for all of them, a few look-ups). */
export async function explainFor(
  api: PrometheusApi,
  query: string,
  label: string,
  services: string[],
  at: number
): Promise<string> {
  const regex = services.length > NAMED_SERVICES || services.length === 0 ? '.*' : services.map(escapeRegex).join('|');
  return (
    (await explainMissing(api, query, label, regex, at)) ??
    'its metrics have series for these services, but the query returns no value for them'
  );
}
