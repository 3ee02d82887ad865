import path from 'path';
import type { Configuration } from 'webpack';

// Bundles the libraries Grafana shares with plugins into build/browser-host/host.js.
const root = path.resolve(__dirname, '../../..');

const config: Configuration = {
  mode: 'production',
  target: 'web',
  entry: path.join(__dirname, 'host.ts'),
  output: { path: path.join(root, 'build/browser-host'), filename: 'host.js', clean: true },
  cache: { type: 'filesystem', cacheDirectory: path.join(root, '.cache/webpack-browser-host') },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020' } },
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

export default config;
