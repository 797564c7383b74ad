/** The options page's entry: the page (page.ts) on the real document. */
import { browser } from '../browser.js';
import { OptionsPage } from './page.js';
import { errorText } from '../popup/errors.js';
import { langOf } from '../popup/view.js';

// The language of the words shown (the catalog's), so screen readers pronounce them right.
document.documentElement.lang = langOf(browser.i18n);

const page = new OptionsPage(document, document.getElementById('app') as HTMLElement, errorText);
void page.show();
