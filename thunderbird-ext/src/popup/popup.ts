/** The toolbar popup's entry: the page (page.ts) on the real document. */
import { browser } from '../browser.js';
import { PopupPage } from './page.js';
import { errorText } from './errors.js';
import { markLanguage } from './view.js';

markLanguage(document, browser.i18n);
const page = new PopupPage(document, document.getElementById('app') as HTMLElement, errorText);
void page.start();
