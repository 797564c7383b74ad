// Builds the task pane (src/taskpane) into dist/taskpane, served at the bridge's root as manifest.xml expects:
// taskpane.html/.js/.css, commands.html/.js and assets/icon-*.png.
const { cpSync } = require('node:fs');
const { join } = require('node:path');
const writeIcons = require('./scripts/icons.cjs');

const out = join(__dirname, 'dist', 'taskpane');

class CopyStaticPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopyStaticPlugin', () => {
      for (const f of ['taskpane.html', 'commands.html', 'taskpane.css'])
        cpSync(join(__dirname, 'src', 'taskpane', f), join(out, f));
      writeIcons(join(out, 'assets'));
    });
  }
}

module.exports = {
  mode: process.env.NODE_ENV === 'development' ? 'development' : 'production',
  target: ['web', 'es2020'],
  entry: { taskpane: './src/taskpane/taskpane.ts', commands: './src/taskpane/commands.ts' },
  output: { path: out, filename: '[name].js', clean: true },
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: join(__dirname, 'tsconfig.taskpane.json') } }],
  },
  plugins: [new CopyStaticPlugin()],
  performance: { hints: false },
};
