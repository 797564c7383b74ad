/**
 * Background of the Thunderbird extension: bridge-core runs here, in the extension's own context (no CORS limits
 * for hosts the user grants). The toolbar popup, compose button and options page come with the Thunderbird issue;
 * for now the background proves the core loads unchanged in a WebExtension.
 */
import { VERSION_INFO } from './version.js';

export const bridge = VERSION_INFO;
