/**
 * Issue 15 item 3: the pane's "Outlook sync" section without DOM: what each connection state says and offers, in
 * English and French, and the Office dialog (office-host.ts openDialog) against an Office.js stand-in written from
 * the Dialog API's documented contract (DialogMessageReceived; DialogEventReceived 12006 when the user closes it).
 */
import type { OutlookSyncState } from '../../src/taskpane/api.js';
import { openDialog } from '../../src/taskpane/office-host.js';
import {
  dialogOutcomeWords,
  outlookSyncModel,
  outlookSyncWords,
  subscribableCollections,
} from '../../src/taskpane/outlook-sync-model.js';
import { formatDate } from '../../src/taskpane/view-model.js';
import { inBothLanguages, message } from '../../src/middle-tier/words.js';

const en = outlookSyncWords('en');
const fr = outlookSyncWords('fr');
const state = (s: Partial<OutlookSyncState>): OutlookSyncState => ({
  state: 'disconnected',
  user: null,
  since: null,
  reason: null,
  reasons: null,
  ...s,
});

describe('Outlook sync section (view-model)', () => {
  test('disconnected: connect, and the read-only feed stays', () => {
    const m = outlookSyncModel(state({}), fr, 'fr');
    expect(m.actions).toEqual(['connect']);
    expect(m.feedStays).toBe(true);
    expect(m.status).toContain('Non connecté');
    expect(fr.connect).toBe('Connecter Outlook pour la synchronisation dans les deux sens');
    expect(en.connect).toBe('Connect Outlook for two-way sync');
  });

  test('connected as the Microsoft user: disconnect only', () => {
    const m = outlookSyncModel(
      state({ state: 'connected', user: 'gilles@contoso.example', since: '2026-12-02T06:00:00.000Z' }),
      en,
      'en',
    );
    expect(m.actions).toEqual(['disconnect']);
    expect(m.status).toContain('Connected as gilles@contoso.example');
    expect(m.tone).toBe('success');
  });

  test('connected since a date: the date inside the sentence, in each language (not after its full stop)', () => {
    const since = '2026-12-02T06:00:00.000Z';
    const connected = state({ state: 'connected', user: 'gilles@contoso.example', since });
    // Seen in the pane's screenshot before: "... Outlook calendars of the same name. (Dec 2, 2026)".
    expect(outlookSyncModel(connected, en, 'en').status).toBe(
      `Connected as gilles@contoso.example since ${formatDate(since, 'en')}: your subscribed calendars are kept in sync two ways with Outlook calendars of the same name.`,
    );
    expect(outlookSyncModel(connected, fr, 'fr').status).toBe(
      `Connecté en tant que gilles@contoso.example depuis le ${formatDate(since, 'fr')} : vos agendas abonnés sont synchronisés dans les deux sens avec des agendas Outlook du même nom.`,
    );
    // Without a date (an older bridge), the same sentence without "since".
    expect(outlookSyncModel(state({ state: 'connected', user: 'gilles' }), en, 'en').status).toBe(
      'Connected as gilles: your subscribed calendars are kept in sync two ways with Outlook calendars of the same name.',
    );
  });

  test('what the pane offers the bridge to sync: the collections it does not sync yet (feeds do not count)', () => {
    const home = 'https://dav.example/alice/';
    const collections = [
      { url: `${home}equipe/`, name: 'Équipe technique' },
      { url: `${home}taches/`, name: 'Tâches' },
      { url: `${home}contacts/`, name: 'Contacts' },
    ];
    expect(subscribableCollections(collections, [])).toEqual(collections);
    expect(
      subscribableCollections(collections, [
        { type: 'collection', url: `${home}equipe/` },
        // A feed at the same address as a collection (as odd as it is) is not that collection's subscription.
        { type: 'feed', url: `${home}taches/` },
      ]).map((c) => c.name),
    ).toEqual(['Tâches', 'Contacts']);
    expect(
      subscribableCollections(
        collections,
        collections.map((c) => ({ type: 'collection' as const, url: c.url })),
      ),
    ).toEqual([]);
  });

  test('reconnect: its reason in the user language, reconnect or disconnect', () => {
    const reasons = { en: 'Microsoft no longer accepts the connection.', fr: "Microsoft n'accepte plus la connexion." };
    const m = outlookSyncModel(state({ state: 'reconnect', user: 'gilles', reason: reasons.en, reasons }), fr, 'fr');
    expect(m.actions).toEqual(['reconnect', 'disconnect']);
    expect(m.status).toContain("Microsoft n'accepte plus la connexion.");
    expect(m.status).toContain('arrêtée');
    expect(m.tone).toBe('warning');
  });

  test('unavailable (or an older bridge): no button, the reason, and the feed that stays said once', () => {
    const reasons = { en: 'not set up', fr: 'pas configurée' };
    const m = outlookSyncModel(state({ state: 'unavailable', reasons, reason: 'not set up' }), fr, 'fr');
    // The bridge's reason names the read-only feed itself (seen twice in the pane's screenshot before).
    expect(m).toMatchObject({ actions: [], feedStays: false, status: 'pas configurée' });
    expect(outlookSyncModel(undefined, en, 'en')).toMatchObject({ actions: [], feedStays: true });
  });

  test("the bridge's reasons for unavailable name the read-only feed, in both languages", () => {
    for (const key of ['graph-connect.not-configured', 'graph-connect.misconfigured'] as const) {
      const text = inBothLanguages(message(key, {}));
      expect([key, text.en, text.fr]).toEqual([
        key,
        expect.stringContaining('Add to Outlook'),
        expect.stringContaining('Ajouter à Outlook'),
      ]);
    }
  });

  test("the dialog's ending in words", () => {
    expect(dialogOutcomeWords({ kind: 'message', message: '{"outlookSync":"connected"}' }, en)).toEqual({
      text: en.connected,
      ok: true,
    });
    expect(dialogOutcomeWords({ kind: 'message', message: '{"outlookSync":"failed"}' }, en).ok).toBe(false);
    expect(dialogOutcomeWords({ kind: 'message', message: 'not json' }, en).ok).toBe(false);
    expect(dialogOutcomeWords({ kind: 'closed', code: 12006 }, fr).text).toBe(fr.dialogClosed);
    expect(dialogOutcomeWords({ kind: 'unsupported' }, fr).text).toBe(fr.noOffice);
    expect(dialogOutcomeWords({ kind: 'failed', detail: '12007' }, en).text).toContain('12007');
  });
});

/** Office.js's Dialog API stand-in: records the dialog and lets the test play the page or the user. */
function officeWithDialogs() {
  const played: Array<{ url: string; closed: boolean; send(m: string): void; closeByUser(): void }> = [];
  const EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  const office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType,
    context: {
      ui: {
        displayDialogAsync(url: string, _opts: unknown, cb: (r: unknown) => void) {
          if (!url.startsWith('https:'))
            return cb({ status: 'failed', error: { code: 12005, name: 'Dialog', message: 'HTTPS required' } });
          const handlers = new Map<string, (arg: unknown) => void>();
          const p = {
            url,
            closed: false,
            send: (m: string) => handlers.get(EventType.DialogMessageReceived)?.({ message: m, origin: url }),
            closeByUser: () => handlers.get(EventType.DialogEventReceived)?.({ error: 12006 }),
          };
          played.push(p);
          cb({
            status: 'succeeded',
            value: {
              addEventHandler: (t: string, h: (arg: unknown) => void) => handlers.set(t, h),
              close: () => (p.closed = true),
            },
          });
        },
      },
    },
  };
  return { office, played };
}

describe('openDialog (Office.js Dialog API stand-in)', () => {
  afterEach(() => delete (globalThis as { Office?: unknown }).Office);

  test("the page's message ends it, and the pane closes the dialog", async () => {
    const { office, played } = officeWithDialogs();
    (globalThis as { Office?: unknown }).Office = office;
    const outcome = openDialog('https://bridge.example/outlook-sync/start?ticket=t');
    played[0]!.send('{"outlookSync":"connected"}');
    expect(await outcome).toEqual({ kind: 'message', message: '{"outlookSync":"connected"}' });
    expect(played[0]!.closed).toBe(true);
  });

  test('the user closing it is 12006; an http address fails; outside Office it is unsupported', async () => {
    const { office, played } = officeWithDialogs();
    (globalThis as { Office?: unknown }).Office = office;
    const outcome = openDialog('https://bridge.example/outlook-sync/start?ticket=t');
    played[0]!.closeByUser();
    expect(await outcome).toEqual({ kind: 'closed', code: 12006 });
    expect(await openDialog('http://bridge.example/x')).toEqual({ kind: 'failed', detail: 'HTTPS required' });
    delete (globalThis as { Office?: unknown }).Office;
    expect(await openDialog('https://bridge.example/x')).toEqual({ kind: 'unsupported' });
  });
});
