/**
 * The "Outlook sync" section of Add to Outlook (issue 15): connect Microsoft 365 in an Office dialog (the bridge's
 * sign-in page; tokens stay on the bridge), the state with its reason, reconnect, disconnect. Without the bridge's
 * Microsoft 365 settings it says why, and that the read-only feed above stays.
 */
import { Unavailable, type OutlookSyncState } from '../api.js';
import { el } from '../dom.js';
import { openDialog } from '../office-host.js';
import { outlookSyncModel, outlookSyncWords, dialogOutcomeWords } from '../outlook-sync-model.js';
import { busy, button, heading, type PaneContext } from '../ui.js';

export async function outlookSyncSection(ctx: PaneContext): Promise<HTMLElement> {
  const section = el('section', { class: 'outlook-sync', 'aria-labelledby': 'outlook-sync-title' });
  await fill(ctx, section);
  return section;
}

async function fill(ctx: PaneContext, section: HTMLElement): Promise<void> {
  const w = outlookSyncWords(ctx.lang);
  const state = await ctx.api.outlookSync().catch((err: unknown) => {
    if (err instanceof Unavailable) return undefined as OutlookSyncState | undefined;
    throw err;
  });
  const model = outlookSyncModel(state, w, ctx.lang);
  const refresh = () => void fill(ctx, section).catch((err: unknown) => ctx.fail(err));
  const actions = model.actions.map((a) => {
    const label = a === 'connect' ? w.connect : a === 'reconnect' ? w.reconnect : w.disconnect;
    const b = button(label, undefined, {
      appearance: a === 'disconnect' ? 'subtle' : 'primary',
      class: `outlook-sync-${a}`,
      'aria-describedby': 'outlook-sync-status',
    });
    b.addEventListener(
      'click',
      () =>
        void busy(ctx, b, async () => {
          if (a === 'disconnect') {
            await ctx.api.disconnectOutlook();
            ctx.say(w.disconnected, 'success');
            return refresh();
          }
          const { dialogUrl } = await ctx.api.connectOutlook();
          ctx.say(w.connecting);
          const outcome = await openDialog(new URL(dialogUrl, location.href).toString());
          const said = dialogOutcomeWords(outcome, w);
          ctx.say(said.text, said.ok ? 'success' : 'warning');
          refresh();
        }),
    );
    return b;
  });
  section.replaceChildren(
    heading(3, w.title, 'outlook-sync-title'),
    el('p', { id: 'outlook-sync-status', class: `note ${model.tone}`, role: 'status' }, model.status),
    ...(actions.length ? [el('div', { class: 'actions' }, ...actions)] : []),
    ...(model.feedStays ? [el('p', { class: 'note' }, w.feedStays)] : []),
  );
}
