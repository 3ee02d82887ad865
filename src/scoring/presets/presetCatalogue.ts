import data from './catalogue.json';

/**
 * The instrumentation PerfScope recognises, as data: src/scoring builds every query of a profile from it, the
 * CLI's `discover` and the settings page recognise it on a server, and tools/fixtures writes a fixture in
 * exactly each preset's shape. One list, read by all of them.
 */
export interface PresetCatalogue {
  presets: Preset[];
}

export type Preset = HttpPreset | ResourcePreset;

interface PresetBase {
  id: string;
  name: string;
  description: string;
  /** The library (and version) the names, labels, units and buckets were read from. */
  library: string;
  /** Where they were read: "owner/repo path" or a documentation URL. */
  sources: string[];
  /** The label that names services for this instrumentation as Prometheus usually scrapes it. */
  serviceLabel: string;
  /** What a user must switch on for the preset to score fully (e.g. Micrometer's histogram buckets). */
  notes?: string[];
}

/** Example values of the other labels a library sets on a metric; fixtures write one series per combination. */
export type LabelValues = Record<string, string[]>;

export interface HttpPreset extends PresetBase {
  kind: 'http';
  duration: {
    /** Histogram base name, without _bucket, _sum or _count. */
    metric: string;
    unit: 's' | 'ms';
    /** The library's default upper bounds in the metric's unit, ascending; +Inf implied. */
    buckets: number[];
    labels: LabelValues;
  };
  /** The library's own request counter (full name, with _total), or null when the histogram's _count counts requests. */
  requests: null | { metric: string; labels: LabelValues };
  status: {
    label: string;
    /** Which metric carries the status label. */
    on: 'duration' | 'requests' | 'both';
    /** Regex of the values that are server errors. */
    serverError: string;
    /** One value of each kind, for fixtures. */
    values: { ok: string; clientError: string; serverError: string };
  };
}

export interface ResourcePreset extends PresetBase {
  kind: 'resources';
  /**
   * Ready PromQL for the cpu and memory indicators, in percent: `{{service}}` stands where the service label's
   * name goes, `$service` where its values go (as in every profile query).
   */
  queries: { cpu: string; memory: string };
  /** The metric names the queries read, for discovery and for messages. */
  metrics: string[];
}

export const catalogue = data as PresetCatalogue;
