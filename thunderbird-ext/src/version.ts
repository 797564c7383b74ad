// The whole core, not a tree-shaken corner of it: if any part of it needed Node, this bundle would not build.
import * as core from '@dav-bridge/core';

/** What the bundled core offers, shown in the add-on's debug console. */
export const VERSION_INFO = {
  exports: Object.keys(core).length,
  presets: core.OUTLOOK_PRESETS.length,
};
