import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// Extends the create-plugin base config: the app's dashboards live at the top level and ship in
// dist/dashboards/, and nested plugins' logos are copied next to their plugin.json.
const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return {
    ...base,
    plugins: [
      ...(base.plugins ?? []),
      new CopyWebpackPlugin({
        patterns: [
          { from: '../dashboards/*.json', to: 'dashboards/[name][ext]', noErrorOnMissing: true },
          { from: '**/img/*.svg', to: '[path][name][ext]' },
        ],
      }),
    ],
  };
};

export default config;
