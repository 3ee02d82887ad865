// The browser host for PerfScope's built plugins: what Grafana gives a plugin at run time, and nothing more.
// Grafana loads each plugin's dist/**/module.js as an AMD module and hands it its shared libraries (React,
// @grafana/data, @grafana/ui, @grafana/runtime, rxjs, emotion, react-router) instead of letting the plugin bundle
// its own. This page does the same with the npm builds of those libraries, so tests run the exact files we ship.
import * as emotionCss from '@emotion/css';
import * as data from '@grafana/data';
import * as runtime from '@grafana/runtime';
import * as ui from '@grafana/ui';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as reactRouter from 'react-router';
import * as reactRouterDom from 'react-router-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

type Factory = (...deps: unknown[]) => unknown;

const shared: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  'react-router': reactRouter,
  'react-router-dom': reactRouterDom,
  rxjs,
  'rxjs/operators': rxjsOperators,
  '@emotion/css': emotionCss,
  '@grafana/data': data,
  '@grafana/ui': ui,
  '@grafana/runtime': runtime,
};

// Grafana registers its standard field options at start-up; a plugin's field config defaults (unit,
// decimals, thresholds, colour scheme) are built from this registry, with Grafana's own defaults.
const standardOptions: Array<[string, unknown]> = [
  ['displayName', undefined],
  ['unit', undefined],
  ['min', undefined],
  ['max', undefined],
  ['decimals', undefined],
  ['noValue', undefined],
  ['links', []],
  ['mappings', []],
  [
    'thresholds',
    {
      mode: 'absolute',
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 80, color: 'red' },
      ],
    },
  ],
  ['color', { mode: 'thresholds' }],
];
data.standardFieldConfigEditorRegistry.setInit(() =>
  standardOptions.map(([id, defaultValue]) => ({
    id,
    path: id,
    name: id,
    defaultValue,
    editor: () => null,
    override: () => null,
    process: (value: unknown) => value,
    shouldApply: () => true,
  }))
);

// ... and its standard option editors, which a plugin's options builder looks up by id.
const standardEditors = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'multi-select',
  'color',
  'unit',
  'strings',
];
data.standardEditorsRegistry.setInit(() => standardEditors.map((id) => ({ id, name: id, editor: () => null })));

const pending = new Map<string, { resolve: (exports: unknown) => void; reject: (e: Error) => void }>();

function define(deps: string[] | Factory, factory?: Factory) {
  const src = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
  const waiting = pending.get(src);
  if (!waiting) {
    throw new Error(`define() from a script that was not loaded with loadPluginModule: ${src}`);
  }
  const names = typeof deps === 'function' ? [] : deps;
  const body = (typeof deps === 'function' ? deps : factory) as Factory;
  const exports: Record<string, unknown> = {};
  try {
    const args = names.map((name) => {
      if (name === 'exports') {
        return exports;
      }
      if (name === 'module') {
        return { id: src, uri: src, exports };
      }
      if (!(name in shared)) {
        throw new Error(`${src} needs "${name}", which Grafana does not share with plugins`);
      }
      return shared[name];
    });
    const result = body(...args);
    waiting.resolve(result ?? exports);
  } catch (e) {
    waiting.reject(e as Error);
  }
}
define.amd = {};

/** Loads a built plugin module the way Grafana does and resolves to its exports. */
function loadPluginModule(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(url, document.baseURI).href;
    pending.set(script.src, { resolve: resolve as (e: unknown) => void, reject });
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(script);
  });
}

Object.assign(window, {
  define,
  loadPluginModule,
  perfscopeHost: { shared, React, ReactDOM, ReactDOMClient, data, ui, runtime },
});
