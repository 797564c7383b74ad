// Issue 13, the "Insert calendar link" ribbon command (commands.html): Office.js is office-addin-mock's
// OfficeMockObject (Microsoft's mock library), the bridge's GET /api/v1/guest-links a stubbed fetch (named so
// below). HTML body, text body, no link, signed out, API errors, insertion refused, appointment, registration.
import { OfficeMockObject } from 'office-addin-mock';
import type { GuestLinkView } from '../../src/middle-tier/contract/guest-links';
import {
  insertCalendarLink,
  NOTIFICATION_KEY,
  PANE_BUTTON,
  usableLinks,
} from '../../src/taskpane/commands.insert-link';
import { COMMAND_WORDS, NOTIFICATION_MAX } from '../../src/taskpane/commands.strings';

// office-addin-mock reads only the OfficeApp enum from office-addin-manifest, whose package entry also loads an ESM-only
// dependency Jest's CommonJS runtime cannot require: give the mock that same module (Microsoft's own file), alone.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

interface Recorded {
  bodyType: 'html' | 'text';
  inserted: Array<{ data: string; coercionType: unknown }>;
  notifications: Array<{ key: string; details: Record<string, unknown> }>;
  insertError?: string;
  refuseInsight?: boolean;
}

/** Office with one item being written: a message (compose) or an appointment (organizer). */
function officeWith(opts: {
  displayLanguage: string;
  bodyType: 'html' | 'text';
  itemType?: 'message' | 'appointment';
  mailboxMinor?: number;
  insertError?: string;
  refuseInsight?: boolean;
  readMode?: boolean;
}): Recorded {
  const rec: Recorded = { bodyType: opts.bodyType, inserted: [], notifications: [] };
  const ok = (value?: unknown) => ({ status: 'succeeded', value });
  const failed = (message: string) => ({ status: 'failed', error: { name: 'Error', code: 9000, message } });
  const body: Record<string, unknown> = {
    getTypeAsync: (cb: (r: unknown) => void) => setTimeout(() => cb(ok(rec.bodyType)), 1),
  };
  if (!opts.readMode) {
    body['setSelectedDataAsync'] = (data: string, options: { coercionType: unknown }, cb: (r: unknown) => void) => {
      if (opts.insertError) return setTimeout(() => cb(failed(opts.insertError!)), 1);
      rec.inserted.push({ data, coercionType: options.coercionType });
      setTimeout(() => cb(ok()), 1);
    };
  }
  const data = {
    // Outlook's object model has no load()/sync(): the mock serves properties directly for this host.
    host: 'outlook',
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    MailboxEnums: {
      ItemNotificationMessageType: {
        ProgressIndicator: 'progressIndicator',
        InformationalMessage: 'informationalMessage',
        ErrorMessage: 'errorMessage',
        InsightMessage: 'insightMessage',
      },
      ActionType: { ShowTaskPane: 'showTaskPane' },
    },
    context: {
      displayLanguage: opts.displayLanguage,
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === 'Mailbox' && Number(version.split('.')[1]) <= (opts.mailboxMinor ?? 15),
      },
      mailbox: {
        item: {
          itemType: opts.itemType ?? 'message',
          body,
          notificationMessages: {
            replaceAsync: (key: string, details: Record<string, unknown>, cb: (r: unknown) => void) => {
              if (opts.refuseInsight && details['type'] === 'insightMessage') {
                return setTimeout(() => cb(failed('actions are not supported here')), 1);
              }
              rec.notifications.push({ key, details });
              setTimeout(() => cb(ok()), 1);
            },
          },
        },
      },
    },
  };
  (globalThis as Record<string, unknown>)['Office'] = new OfficeMockObject(data);
  return rec;
}

afterEach(() => delete (globalThis as Record<string, unknown>)['Office']);

function link(over: Partial<GuestLinkView> & { id: string; createdAt: string }): GuestLinkView {
  const base = `https://agenda.example.org/g/${over.id}`;
  return {
    collectionUrl: 'http://127.0.0.1:5232/gilles/equipe/',
    collectionName: 'Équipe technique',
    kind: 'events',
    url: base,
    icsUrl: `${base}.ics`,
    webcalUrl: `webcal://agenda.example.org/g/${over.id}.ics`,
    unreadable: false,
    hasPassword: false,
    locked: false,
    lockedAt: null,
    wrongPasswords: 0,
    hidePrivateEvents: true,
    expiresAt: null,
    expired: false,
    ...over,
  };
}

/** Stub of the bridge's GET /api/v1/guest-links (a fake: no bridge runs in unit tests), recording each call. */
function bridgeAnswers(status: number, body: unknown) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetchFn, calls };
}

function completion() {
  const event = { completed: jest.fn() };
  return event;
}

const LINKS = [
  link({ id: 'old', createdAt: '2026-11-01T10:00:00.000Z', collectionName: 'Ancien agenda' }),
  link({
    id: 'newest',
    createdAt: '2026-12-01T09:00:00.000Z',
    hasPassword: true,
    expiresAt: '2026-12-31T22:59:59.000Z',
  }),
  link({ id: 'expired', createdAt: '2026-12-01T11:00:00.000Z', expired: true, collectionName: 'Expiré' }),
  link({ id: 'locked', createdAt: '2026-12-01T12:00:00.000Z', locked: true, collectionName: 'Verrouillé' }),
  link({
    id: 'unreadable',
    createdAt: '2026-12-01T13:00:00.000Z',
    url: null,
    icsUrl: null,
    webcalUrl: null,
    unreadable: true,
  }),
];

describe('Insert calendar link (office-addin-mock)', () => {
  it('HTML body: inserts the newest usable link as core snippet HTML, in French for a French Outlook', async () => {
    const rec = officeWith({ displayLanguage: 'fr-FR', bodyType: 'html' });
    const { fetchFn, calls } = bridgeAnswers(200, { guestLinks: LINKS, policy: {} });
    const event = completion();
    await insertCalendarLink(event, fetchFn);

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/v1/guest-links');
    expect(calls[0]!.init).toMatchObject({ credentials: 'same-origin', headers: { 'accept-language': 'fr' } });
    expect(rec.inserted).toHaveLength(1);
    expect(rec.inserted[0]!.coercionType).toBe('html');
    const html = rec.inserted[0]!.data;
    expect(html).toContain('href="https://agenda.example.org/g/newest.ics"');
    expect(html).toContain('webcal://agenda.example.org/g/newest.ics');
    expect(html).toContain('Équipe technique');
    expect(html).toContain(COMMAND_WORDS.passwordNote.fr);
    expect(html).toContain('lang="fr"');
    expect(html).not.toContain('/g/expired');
    expect(html).not.toContain('/g/locked');
    expect(rec.notifications).toEqual([
      {
        key: NOTIFICATION_KEY,
        details: expect.objectContaining({
          type: 'informationalMessage',
          message: COMMAND_WORDS.inserted.fr('Équipe technique'),
        }),
      },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('text body: inserts the plain-text snippet with the Text coercion (HTML would fail there)', async () => {
    const rec = officeWith({ displayLanguage: 'en-US', bodyType: 'text' });
    const { fetchFn } = bridgeAnswers(200, { guestLinks: [LINKS[0]], policy: {} });
    const event = completion();
    await insertCalendarLink(event, fetchFn);

    expect(rec.inserted).toHaveLength(1);
    expect(rec.inserted[0]!.coercionType).toBe('text');
    const text = rec.inserted[0]!.data;
    expect(text).toContain('https://agenda.example.org/g/old.ics');
    expect(text).toContain('Ancien agenda');
    expect(text).not.toMatch(/<[a-z]/i);
    expect(rec.notifications[0]!.details['message']).toBe(COMMAND_WORDS.inserted.en('Ancien agenda'));
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('no usable link: inserts nothing and offers to open the pane (insight message, Mailbox 1.10)', async () => {
    const rec = officeWith({ displayLanguage: 'fr-FR', bodyType: 'html' });
    const { fetchFn } = bridgeAnswers(200, { guestLinks: [LINKS[2], LINKS[3], LINKS[4]], policy: {} });
    const event = completion();
    await insertCalendarLink(event, fetchFn);

    expect(rec.inserted).toEqual([]);
    expect(rec.notifications).toHaveLength(1);
    const details = rec.notifications[0]!.details;
    expect(details).toMatchObject({ type: 'insightMessage', message: COMMAND_WORDS.noLink.fr, icon: 'Icon.16x16' });
    expect(details['actions']).toEqual([
      {
        actionType: 'showTaskPane',
        actionText: COMMAND_WORDS.openPane.fr,
        commandId: PANE_BUTTON.message,
        contextData: '{"view":"guest-links"}',
      },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('no link, before Mailbox 1.10 or where actions are refused: an informational message naming the button', async () => {
    for (const opts of [{ mailboxMinor: 9 }, { refuseInsight: true }]) {
      const rec = officeWith({ displayLanguage: 'en-GB', bodyType: 'html', ...opts });
      const { fetchFn } = bridgeAnswers(200, { guestLinks: [], policy: {} });
      const event = completion();
      await insertCalendarLink(event, fetchFn);
      expect(rec.inserted).toEqual([]);
      expect(rec.notifications.map((n) => n.details)).toEqual([
        { type: 'informationalMessage', message: COMMAND_WORDS.noLink.en, icon: 'Icon.16x16', persistent: false },
      ]);
      expect(event.completed).toHaveBeenCalledTimes(1);
    }
  });

  it('signed out (401): inserts nothing, says to sign in, and the action opens the organizer pane in a meeting', async () => {
    const rec = officeWith({ displayLanguage: 'en-US', bodyType: 'html', itemType: 'appointment' });
    const { fetchFn } = bridgeAnswers(401, { error: { code: 'unauthorized', message: 'Sign in first.' } });
    const event = completion();
    await insertCalendarLink(event, fetchFn);

    expect(rec.inserted).toEqual([]);
    expect(rec.notifications[0]!.details).toMatchObject({
      type: 'insightMessage',
      message: COMMAND_WORDS.signedOut.en,
    });
    expect((rec.notifications[0]!.details['actions'] as Array<{ commandId: string }>)[0]!.commandId).toBe(
      PANE_BUTTON.appointment,
    );
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('API error: an error notification with the bridge message (or the status), nothing inserted', async () => {
    const rec = officeWith({ displayLanguage: 'fr-FR', bodyType: 'html' });
    const { fetchFn } = bridgeAnswers(502, { error: { code: 'dav', message: 'Le serveur d’agendas ne répond pas.' } });
    const event = completion();
    await insertCalendarLink(event, fetchFn);
    expect(rec.inserted).toEqual([]);
    expect(rec.notifications.map((n) => n.details)).toEqual([
      { type: 'errorMessage', message: COMMAND_WORDS.unreachable.fr('Le serveur d’agendas ne répond pas.') },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);

    const rec2 = officeWith({ displayLanguage: 'en-US', bodyType: 'html' });
    const html500 = async () => new Response('<html>proxy error</html>', { status: 500 });
    const event2 = completion();
    await insertCalendarLink(event2, html500);
    expect(rec2.notifications[0]!.details).toEqual({
      type: 'errorMessage',
      message: COMMAND_WORDS.unreachable.en('HTTP 500'),
    });
    expect(event2.completed).toHaveBeenCalledTimes(1);
  });

  it('network failure: an error notification, and completed() is still called', async () => {
    const rec = officeWith({ displayLanguage: 'en-US', bodyType: 'html' });
    const event = completion();
    await insertCalendarLink(event, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(rec.notifications[0]!.details).toEqual({
      type: 'errorMessage',
      message: COMMAND_WORDS.unreachable.en('Failed to fetch'),
    });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('Outlook refuses the insertion: says so, completed() called', async () => {
    const rec = officeWith({
      displayLanguage: 'en-US',
      bodyType: 'html',
      insertError: 'The data exceeds the maximum size.',
    });
    const { fetchFn } = bridgeAnswers(200, { guestLinks: [LINKS[0]], policy: {} });
    const event = completion();
    await insertCalendarLink(event, fetchFn);
    expect(rec.notifications[0]!.details).toEqual({
      type: 'errorMessage',
      message: COMMAND_WORDS.insertFailed.en('The data exceeds the maximum size.'),
    });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('an item that is not being written (no body setter): asks for one, never calls the bridge', async () => {
    const rec = officeWith({ displayLanguage: 'fr-FR', bodyType: 'html', readMode: true });
    const { fetchFn, calls } = bridgeAnswers(200, { guestLinks: LINKS, policy: {} });
    const event = completion();
    await insertCalendarLink(event, fetchFn);
    expect(calls).toEqual([]);
    expect(rec.notifications[0]!.details).toEqual({ type: 'errorMessage', message: COMMAND_WORDS.notComposing.fr });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('a long bridge message is cut to Outlook’s 150-character limit', async () => {
    const rec = officeWith({ displayLanguage: 'en-US', bodyType: 'html' });
    const { fetchFn } = bridgeAnswers(500, { error: { code: 'x', message: 'x'.repeat(400) } });
    await insertCalendarLink(completion(), fetchFn);
    const message = String(rec.notifications[0]!.details['message']);
    expect(message.length).toBe(NOTIFICATION_MAX);
    expect(message.endsWith('…')).toBe(true);
  });

  it('every fixed sentence fits Outlook’s limit in both languages', () => {
    for (const words of Object.values(COMMAND_WORDS)) {
      for (const w of [words.en, words.fr]) {
        const s = typeof w === 'function' ? w('Équipe technique') : w;
        expect(s.length).toBeLessThanOrEqual(NOTIFICATION_MAX);
      }
    }
  });

  it('usableLinks keeps readable, unexpired, unlocked links, newest first', () => {
    expect(usableLinks(LINKS).map((l) => l.id)).toEqual(['newest', 'old']);
  });
});

describe('commands.js registration', () => {
  it('associates insertCalendarLink with Office.actions once Office is ready, and puts it on the global object', async () => {
    const associated: string[] = [];
    (globalThis as Record<string, unknown>)['Office'] = new OfficeMockObject({
      host: 'outlook',
      onReady: (cb: () => void) => {
        cb();
        return Promise.resolve({ host: 'Outlook' });
      },
      actions: { associate: (name: string) => associated.push(name) },
      context: { mailbox: {} },
    });
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../src/taskpane/commands');
    });
    expect(associated).toEqual(['insertCalendarLink']);
    expect(typeof (globalThis as Record<string, unknown>)['insertCalendarLink']).toBe('function');
    delete (globalThis as Record<string, unknown>)['insertCalendarLink'];
  });
});
