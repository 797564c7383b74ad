/**
 * The task-pane API's words (issue 13), from core's message catalog (bridge-core/src/i18n/pane-api.*): one key and
 * its parameters give the English and French text an ApiError or a status carries.
 */
import { i18n } from '@dav-bridge/core';
import type { Text } from '../i18n.js';

type PaneKey = Extract<i18n.MessageKey, `pane-api.${string}`>;

export function paneText<K extends PaneKey>(key: K, params: i18n.MessageParams[K]): Text {
  const msg = i18n.message(key, params);
  return { en: i18n.render('en', msg), fr: i18n.render('fr', msg) };
}
