// Bundles the extension's background with bridge-core for the browser target. A Node built-in pulled into the
// bundle fails the build (webpack 5 does not polyfill them), which keeps the core honest about being isomorphic.
import CopyPlugin from 'copy-webpack-plugin';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export default {
  mode: 'production',
  target: 'web',
  devtool: 'source-map',
  entry: {
    background: resolve(here, 'src/background.ts'),
    'popup/popup': resolve(here, 'src/popup/popup.ts'),
    'options/options': resolve(here, 'src/options/options.ts'),
    'compose/compose': resolve(here, 'src/compose/compose.ts'),
    'compose/insert': resolve(here, 'src/compose/insert.ts'),
  },
  output: { path: resolve(here, 'dist'), filename: '[name].js', module: true, clean: true },
  experiments: { outputModule: true },
  resolve: {
    extensions: ['.ts', '.js'],
    extensionAlias: { '.js': ['.ts', '.js'] },
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { configFile: resolve(here, 'tsconfig.json'), onlyCompileBundledFiles: true },
      },
    ],
  },
  plugins: [
    new CopyPlugin({
      patterns: [
        { from: 'src/manifest.json' },
        { from: 'src/_locales', to: '_locales' },
        { from: 'src/popup/*.{html,css}', to: 'popup/[name][ext]' },
        { from: 'src/options/*.html', to: 'options/[name][ext]' },
        { from: 'src/compose/*.html', to: 'compose/[name][ext]' },
      ],
    }),
  ],
  performance: { hints: false },
};
