import path from 'path';
import type { Configuration } from 'webpack';

// Bundles the libraries Grafana shares with plugins into build/browser-host/host.js, and the panel gallery
// into gallery.js, which takes those same libraries from the host page (as the plugins do) instead of
// bundling copies.
const root = path.resolve(__dirname, '../../..');
const output = path.join(root, 'build/browser-host');

const common: Configuration = {
  mode: 'production',
  target: 'web',
  resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              target: 'es2020',
              transform: { react: { runtime: 'classic' } },
            },
          },
        },
      },
      // Grafana's ESM builds import extension-less paths (ol/geom), which strict ESM resolution refuses.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(woff2?|ttf|eot|svg|png)$/, type: 'asset/resource' },
    ],
  },
  optimization: { minimize: false, splitChunks: false },
  performance: { hints: false },
  devtool: false,
};

const shared = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react-router',
  'react-router-dom',
  'rxjs',
  '@emotion/css',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
];

const config: Configuration[] = [
  {
    ...common,
    name: 'host',
    entry: { host: path.join(__dirname, 'host.ts') },
    output: { path: output, filename: '[name].js' },
    cache: { type: 'filesystem', cacheDirectory: path.join(root, '.cache/webpack-browser-host') },
  },
  {
    ...common,
    name: 'gallery',
    entry: { gallery: path.join(__dirname, '../gallery/gallery.tsx') },
    output: { path: output, filename: '[name].js' },
    cache: { type: 'filesystem', cacheDirectory: path.join(root, '.cache/webpack-browser-gallery') },
    externalsType: 'var',
    externals: {
      ...Object.fromEntries(shared.map((name) => [name, `perfscopeHost.shared[${JSON.stringify(name)}]`])),
      // Grafana renders panels itself; the gallery needs react-dom/client to do the same.
      'react-dom/client': 'perfscopeHost.ReactDOMClient',
    },
  },
];

export default config;
