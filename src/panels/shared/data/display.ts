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

import { bandColor } from '../../../components/bands';
import type { Band } from '../../../scoring';

/** How one computed value is shown: the panel's unit, decimals, thresholds, colour scheme and data links. */
export interface ValueDisplay {
  display(value: number | null): DisplayValue;
  links(): LinkModel[];
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

/** The panel's defaults, then every override whose matcher selects the field (by name, regex, query, type). */
function resolveConfig(source: FieldConfigSource, field: Field, frame: DataFrame): FieldConfig {
  const config: Record<string, unknown> = { ...field.config };
  const defaults = source.defaults as Record<string, unknown>;
  for (const key of STANDARD) {
    if (defaults[key] !== undefined) {
      config[key] = defaults[key];
    }
  }
  for (const rule of source.overrides) {
    const matches = fieldMatchers.getIfExists(rule.matcher.id)?.get(rule.matcher.options);
    if (matches?.(field, frame, [frame])) {
      for (const p of rule.properties) {
        if (STANDARD.includes(p.id)) {
          config[p.id] = p.value;
        }
      }
    }
  }
  return config as FieldConfig;
}

/**
 * Display processors for values the panel computes (a score per service, an overhead per domain): each
 * value is a field named `name` with `labels`, so the panel's field config applies to it as to a query's
 * field, overrides by name and data links such as ${__field.labels.service} included.
 */
export function valueDisplays(
  items: Array<{ key: string; name: string; labels: Labels; value: number | null }>,
  ctx: DisplayContext
): Map<string, ValueDisplay> {
  const out = new Map<string, ValueDisplay>();
  if (items.length === 0) {
    return out;
  }
  const frame = toDataFrame({
    fields: items.map((item) => ({
      name: item.name,
      type: FieldType.number,
      labels: item.labels,
      values: [item.value],
    })),
  });
  frame.fields.forEach((field, i) => {
    field.config = resolveConfig(ctx.fieldConfig, field, frame);
    const display = getDisplayProcessor({ field, theme: ctx.theme, timeZone: ctx.timeZone });
    const links = field.config.links?.length
      ? getLinksSupplier(frame, field, {}, ctx.replaceVariables, ctx.timeZone)
      : () => [];
    out.set(items[i].key, { display, links: () => links({ valueRowIndex: 0 }) });
  });
  return out;
}

/** A computed value as a panel shows it: formatted, coloured, with its first data link. */
export interface ShownValue {
  text: string;
  color: string;
  href?: string;
  linkTitle?: string;
}

/**
 * Formats values with the panel's field config and colours them by their band, or (colorBy "field") by the
 * field config's thresholds and colour scheme; `empty` stands for a value without data.
 */
export function shownValues(
  items: Array<{ key: string; name: string; labels: Labels; value: number | null; band: Band }>,
  ctx: DisplayContext & { colorBy: 'band' | 'field' },
  empty: string
): Map<string, ShownValue> {
  const processed = valueDisplays(items, ctx);
  return new Map(
    items.map((item): [string, ShownValue] => {
      const d = processed.get(item.key)!;
      const shown = d.display(item.value);
      const [link] = d.links();
      return [
        item.key,
        {
          text: item.value === null ? empty : `${shown.prefix ?? ''}${shown.text}${shown.suffix ?? ''}`,
          color: ctx.colorBy === 'field' && item.value !== null ? shown.color! : bandColor(ctx.theme, item.band),
          href: link?.href,
          linkTitle: link?.title,
        },
      ];
    })
  );
}

/** A value in a profile unit (a Grafana unit id such as "s", "percent", "reqps"), or "No data". */
export function formatValue(value: number | null, unit: string, decimals?: number): string {
  if (value === null) {
    return 'No data';
  }
  return formattedValueToString(getValueFormat(unit || 'none')(value, decimals));
}
