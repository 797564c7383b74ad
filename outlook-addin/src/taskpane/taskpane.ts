/**
 * The Outlook task pane: sign in, then five views in tabs (My collections, Add to Outlook, Share, Guest links,
 * Conflicts), on Fluent 2 web components, in French or English from Office's display language. Office.js calls
 * live in office-host.ts, decisions in view-model.ts, words in core's catalog (catalog(lang).pane).
 */
import { BridgeApi } from './api.js';
import { el } from './dom.js';
import { useFluent } from './fluent.js';
import { displayLanguage } from './office-host.js';
import { button, statusLine, type PaneContext } from './ui.js';
import { detectLang, explainError, wordsFor, type Lang } from './view-model.js';
import { showCollections } from './views/collections.js';
import { showConflicts } from './views/conflicts.js';
import { showGuestLinks } from './views/guest-links.js';
import { showShare } from './views/share.js';
import { showSignIn } from './views/sign-in.js';
import { showSubscribe } from './views/subscribe.js';

type ViewName = 'collections' | 'subscribe' | 'share' | 'guest-links' | 'conflicts';
const VIEWS: ViewName[] = ['collections', 'subscribe', 'share', 'guest-links', 'conflicts'];
const show: Record<ViewName, (ctx: PaneContext, root: HTMLElement) => Promise<void>> = {
  collections: showCollections,
  subscribe: showSubscribe,
  share: (ctx, root) => showShare(ctx, root),
  'guest-links': showGuestLinks,
  conflicts: showConflicts,
};

function boot(lang: Lang): void {
  useFluent();
  const w = wordsFor(lang);
  const api = new BridgeApi(lang);
  document.documentElement.lang = lang;
  document.title = w.title;
  const app = document.getElementById('app') as HTMLElement;
  const user = document.getElementById('user') as HTMLElement;
  const status = statusLine(document.getElementById('status') as HTMLElement);
  (document.getElementById('title') as HTMLElement).textContent = w.title;

  const ctx: PaneContext = {
    api,
    lang,
    w,
    say: status.say,
    fail(err, context) {
      const { message, signedOut } = explainError(err, w, context);
      status.say(message, 'error');
      if (signedOut) void signIn().then(() => status.say(message, 'error'));
    },
  };

  const signIn = () => {
    user.replaceChildren();
    return showSignIn(ctx, app, () => void main()).catch((err: unknown) => ctx.fail(err));
  };

  async function main(): Promise<void> {
    const session = await api.session();
    if (!session) return signIn();
    const signOut = button(
      w.signOut,
      () =>
        void api
          .signOut()
          .then(signIn)
          .catch((err: unknown) => ctx.fail(err)),
      { appearance: 'subtle', size: 'small' },
    );
    user.replaceChildren(
      el('span', { class: 'who' }, w.signedInAs(session.user.username, session.user.server.label)),
      signOut,
    );
    const label: Record<ViewName, string> = {
      collections: w.navCollections,
      subscribe: w.navSubscribe,
      share: w.navShare,
      'guest-links': w.navGuestLinks,
      conflicts: w.navConflicts,
    };
    const panels = new Map(
      VIEWS.map((v) => [v, el('section', { id: `panel-${v}`, role: 'tabpanel', 'aria-labelledby': `tab-${v}` })]),
    );
    // The manifest's "Share a calendar" command opens taskpane.html?view=share.
    const asked = new URLSearchParams(location.search).get('view') as ViewName | null;
    const first: ViewName = asked && VIEWS.includes(asked) ? asked : 'collections';
    const tabs = el(
      'fluent-tablist',
      { 'aria-label': w.sections, activeid: `tab-${first}`, size: 'small' },
      ...VIEWS.map((v) => el('fluent-tab', { id: `tab-${v}`, 'aria-controls': `panel-${v}` }, label[v])),
    );
    let current: ViewName | undefined;
    const open = (v: ViewName) => {
      // The tablist announces its first tab too: a view already shown is not built again.
      if (v === current) return;
      current = v;
      for (const [name, panel] of panels) panel.hidden = name !== v;
      const panel = panels.get(v)!;
      panel.replaceChildren(el('fluent-spinner', { size: 'small', 'aria-label': w.loading }));
      show[v](ctx, panel).catch((err: unknown) => {
        panel.replaceChildren();
        ctx.fail(err, v === 'share' ? 'share' : 'other');
      });
    };
    tabs.addEventListener('change', () => {
      const id = (tabs as HTMLElement & { activeid?: string }).activeid ?? '';
      const v = id.replace(/^tab-/, '') as ViewName;
      if (VIEWS.includes(v)) open(v);
    });
    app.replaceChildren(el('nav', { 'aria-label': w.sections }, tabs), ...panels.values());
    open(first);
  }

  main().catch((err: unknown) => ctx.fail(err));
}

// Outside Outlook (a plain browser tab, for testing) Office.js may be absent: the pane still works, minus insertion.
if (typeof Office !== 'undefined') {
  void Office.onReady(() => boot(detectLang(displayLanguage(), navigator.language)));
} else {
  boot(detectLang(undefined, navigator.language));
}
