// Bundles the extension's background with bridge-core for the browser target. A Node built-in pulled into the
// bundle fails the build (webpack 5 does not polyfill them), which keeps the core honest about being isomorphic.
import CopyPlugin from 'copy-webpack-plugin';
import webpack from 'webpack';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// `webpack --env e2e` builds the end-to-end variant into e2e-build/dist/: the same extension with its test-only control
// channel (src/e2e/control.ts) compiled in. The release build (dist/, the XPI) never contains it: __E2E__ is false
// there and the minifier drops the code.
export default (env = {}) => ({
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
  output: {
    path: resolve(here, env.e2e ? 'e2e-build/dist' : 'dist'),
    filename: '[name].js',
    module: true,
    clean: true,
  },
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
    new webpack.DefinePlugin({ __E2E__: JSON.stringify(env.e2e === true) }),
    new CopyPlugin({
      patterns: [
        { from: 'src/manifest.json' },
        { from: 'src/_locales', to: '_locales' },
        { from: 'src/popup/*.{html,css}', to: 'popup/[name][ext]' },
        { from: 'src/options/*.html', to: 'options/[name][ext]' },
        { from: 'src/compose/*.html', to: 'compose/[name][ext]' },
        // The calendar experiment, at the XPI root as experiments must be (privileged code, not bundled).
        // Shipped as written (`minimized` keeps terser off it): reviewers read privileged code in the XPI as is.
        { from: 'src/experiments', to: 'experiments', info: { minimized: true } },
      ],
    }),
  ],
  performance: { hints: false },
});
