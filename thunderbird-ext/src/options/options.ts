/** The options page's entry: the page (page.ts) on the real document. */
import { browser } from '../browser.js';
import { OptionsPage } from './page.js';
import { errorText } from '../popup/errors.js';
import { markLanguage } from '../popup/view.js';

markLanguage(document, browser.i18n);
const page = new OptionsPage(document, document.getElementById('app') as HTMLElement, errorText);
void page.show();
