/** The toolbar popup's entry: the page (page.ts) on the real document. */
import { PopupPage } from './page.js';
import { errorText } from './errors.js';

const page = new PopupPage(document, document.getElementById('app') as HTMLElement, errorText);
void page.start();
