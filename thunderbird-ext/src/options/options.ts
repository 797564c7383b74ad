/** The options page's entry: the page (page.ts) on the real document. */
import { OptionsPage } from './page.js';

const page = new OptionsPage(document, document.getElementById('app') as HTMLElement, (e) =>
  String((e as Error)?.message ?? e),
);
void page.show();
