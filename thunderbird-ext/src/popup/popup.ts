/** The toolbar popup's entry: the page (page.ts) on the real document. */
import { browser } from '../browser.js';
import { PopupPage } from './page.js';
import { errorText } from './errors.js';
import { langOf } from './view.js';

// The language of the words shown (the catalog's), so screen readers pronounce them right.
document.documentElement.lang = langOf(browser.i18n);

const page = new PopupPage(document, document.getElementById('app') as HTMLElement, errorText);
void page.start();
