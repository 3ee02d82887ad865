import {
  FieldType,
  fieldMatchers,
  formattedValueToString,
  getDisplayProcessor,
  getLinksSupplier,
  getValueFormat,
  toDataFrame,
  type DataFrame,
  type DisplayValue,
  type Field,
  type FieldConfig,
  type FieldConfigSource,
  type GrafanaTheme2,
  type InterpolateFunction,
  type Labels,
  type LinkModel,
} from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { bandColor } from '../components/bands';
import type { Band } from '../scoring/index';

/** How one computed value is shown: the panel's unit, decimals, thresholds, colour scheme and data links. */
export interface ValueDisplay {
  display(value: number | null): DisplayValue;
  links(): LinkModel[];
  /** Whether the field config's thresholds and colour scheme are meant for this value. */
  coloured: boolean;
}

export interface DisplayContext {
  fieldConfig: FieldConfigSource;
  replaceVariables: InterpolateFunction;
  theme: GrafanaTheme2;
  timeZone?: TimeZone;
}

// The standard field options the panels respect for the values they compute.
const STANDARD = [
  'unit',
  'decimals',
  'min',
  'max',
  'thresholds',
  'color',
  'links',
  'displayName',
  'noValue',
  'mappings',
];

/** A value the panel computes, shown as a field named `name` with `labels`. */
export interface ComputedValue {
  key: string;
  name: string;
  labels: Labels;
  value: number | null;
  /** Options of its own (an MTTR's unit "ms"), which the panel's overrides for its name still replace. */
  own?: FieldConfig;
  /** The standard options it takes from the panel's defaults; all of them when left out. */
  fromDefaults?: readonly string[];
}

/**
 * Its own options, the panel's defaults (those it takes), then every override whose matcher selects the field
 * (by name, regex, query, type); `set` names the options the panel gave it.
 */
function resolveConfig(
  source: FieldConfigSource,
  field: Field,
  frame: DataFrame,
  fromDefaults: readonly string[]
): { config: FieldConfig; set: Set<string> } {
  const config: Record<string, unknown> = { ...field.config };
  const set = new Set<string>();
  const defaults = source.defaults as Record<string, unknown>;
  for (const key of fromDefaults) {
    if (STANDARD.includes(key) && defaults[key] !== undefined) {
      config[key] = defaults[key];
      set.add(key);
    }
  }
  for (const rule of source.overrides) {
    const matches = fieldMatchers.getIfExists(rule.matcher.id)?.get(rule.matcher.options);
    if (matches?.(field, frame, [frame])) {
      for (const p of rule.properties) {
        if (STANDARD.includes(p.id)) {
          config[p.id] = p.value;
          set.add(p.id);
        }
      }
    }
  }
  return { config: config as FieldConfig, set };
}

/**
 * Display processors for values the panel computes (a score per service, an overhead per domain): each
 * value is a field named `name` with `labels`, so the panel's field config applies to it as to a query's
 * field, overrides by name and data links such as ${__field.labels.service} included.
 */
export function valueDisplays(items: ComputedValue[], ctx: DisplayContext): Map<string, ValueDisplay> {
  const out = new Map<string, ValueDisplay>();
  if (items.length === 0) {
    return out;
  }
  const frame = toDataFrame({
    fields: items.map((item) => ({
      name: item.name,
      type: FieldType.number,
      labels: item.labels,
      config: { ...item.own },
      values: [item.value],
    })),
  });
  frame.fields.forEach((field, i) => {
    const { config, set } = resolveConfig(ctx.fieldConfig, field, frame, items[i].fromDefaults ?? STANDARD);
    field.config = config;
    const display = getDisplayProcessor({ field, theme: ctx.theme, timeZone: ctx.timeZone });
    const links = field.config.links?.length
      ? getLinksSupplier(frame, field, {}, ctx.replaceVariables, ctx.timeZone)
      : () => [];
    // A value that takes only some defaults is coloured by the field config only when given thresholds or colours.
    const coloured = !items[i].fromDefaults || set.has('thresholds') || set.has('color');
    out.set(items[i].key, { display, links: () => links({ valueRowIndex: 0 }), coloured });
  });
  return out;
}

/** A computed value as a panel shows it: formatted, coloured, with its first data link. */
export interface ShownValue {
  text: string;
  /** Another value of the same kind as the field config formats it (an open breach's length beside the MTTR). */
  format: (value: number) => string;
  color: string;
  href?: string;
  linkTitle?: string;
}

/**
 * Formats values with the panel's field config and colours them by their band, or (colorBy "field") by the
 * field config's thresholds and colour scheme; `empty` stands for a value without data.
 */
export function shownValues(
  items: Array<ComputedValue & { band: Band }>,
  ctx: DisplayContext & { colorBy: 'band' | 'field' },
  empty: string
): Map<string, ShownValue> {
  const processed = valueDisplays(items, ctx);
  return new Map(
    items.map((item): [string, ShownValue] => {
      const d = processed.get(item.key)!;
      const shown = d.display(item.value);
      const [link] = d.links();
      const fieldColor = ctx.colorBy === 'field' && item.value !== null && d.coloured;
      return [
        item.key,
        {
          text: item.value === null ? empty : displayText(shown),
          format: (value) => displayText(d.display(value)),
          color: fieldColor ? shown.color! : bandColor(ctx.theme, item.band),
          href: link?.href,
          linkTitle: link?.title,
        },
      ];
    })
  );
}

/** Values shown as `shownValues` shows them, each worked out when first asked for (a grid draws only some). */
export interface ShownValues {
  get(key: string): ShownValue | undefined;
}

/**
 * `shownValues`, one value at a time and only those asked for: a virtualised grid of 1,000 services formats the
 * few dozen tiles it draws. Each value is a field of its own frame, so overrides apply to it as to a query's.
 */
export function lazyShownValues(
  items: Array<ComputedValue & { band: Band }>,
  ctx: DisplayContext & { colorBy: 'band' | 'field' },
  empty: string
): ShownValues {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const done = new Map<string, ShownValue>();
  return {
    get(key) {
      const item = byKey.get(key);
      if (!item) {
        return undefined;
      }
      let shown = done.get(key);
      if (!shown) {
        shown = shownValues([item], ctx, empty).get(key)!;
        done.set(key, shown);
      }
      return shown;
    },
  };
}

const displayText = (shown: DisplayValue) => `${shown.prefix ?? ''}${shown.text}${shown.suffix ?? ''}`;

/** A value in a profile unit (a Grafana unit id such as "s", "percent", "reqps"), or "No data". */
export function formatValue(value: number | null, unit: string, decimals?: number): string {
  if (value === null) {
    return 'No data';
  }
  return formattedValueToString(getValueFormat(unit || 'none')(value, decimals));
}

/** A setting (a target, a threshold) in a unit, with the decimals it is written with: 99.9 % reads "99.9%". */
export function formatSetting(value: number, unit: string): string {
  const written = Number(value.toPrecision(6));
  const decimals = Number.isInteger(written) ? 0 : (String(written).split('.')[1]?.length ?? 0);
  return formatValue(written, unit, decimals);
}
