/**
 * The pane's Office.js calls (taskpane/office-host.ts) against office-addin-mock's Outlook object: insertion by the
 * body's type, the new-message form of read mode, master categories (Mailbox 1.8) and their absence.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock takes only the OfficeApp enum from office-addin-manifest, whose other imports are ESM-only
// modules Jest's CommonJS runtime cannot load under Node 20: the enum, with office-addin-manifest's values.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));
import {
  categoryColor,
  displayLanguage,
  ensureMasterCategory,
  insertSnippet,
  NEW_MESSAGE_HTML_LIMIT,
} from '../../src/taskpane/office-host.js';

type Result = { status: string; value?: unknown; error?: { name: string; message: string } };
type Callback = (r: Result) => void;
const ok = (value?: unknown): Result => ({ status: 'succeeded', value });
const failed = (name: string, message: string): Result => ({ status: 'failed', error: { name, message } });
const lastFn = (args: unknown[]) => [...args].reverse().find((a) => typeof a === 'function') as Callback;

const enums = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Html: 'html', Text: 'text' },
};

/** An Outlook item being written whose body is `bodyType`; records what was inserted and how. */
function composeMock(bodyType: 'html' | 'text', itemType = 'message') {
  return new OfficeMockObject(
    {
      ...enums,
      context: {
        displayLanguage: 'fr-FR',
        mailbox: {
          item: {
            itemType,
            body: {
              inserted: '',
              coercion: '',
              getTypeAsync(...args: unknown[]) {
                lastFn(args)(ok(bodyType));
              },
              setSelectedDataAsync(data: string, options: { coercionType: string }, cb: Callback) {
                // What Outlook does: HTML into a plain-text body fails.
                if (options.coercionType === 'html' && bodyType === 'text') {
                  cb(failed('InvalidFormatError', 'The format of the specified data object is invalid.'));
                  return;
                }
                this.inserted = data;
                this.coercion = options.coercionType;
                cb(ok());
              },
            },
          },
        },
      },
    },
    'outlook' as never,
  ) as unknown as {
    context: { mailbox: { item: { body: { inserted: string; coercion: string } } } };
  };
}

const snippet = { html: '<p>Agenda <a href="https://x/g/t">Équipe technique</a></p>', text: 'Agenda https://x/g/t' };
const g = globalThis as { Office?: unknown };

afterEach(() => {
  delete g.Office;
});

describe('insertSnippet (office-addin-mock)', () => {
  it('inserts HTML at the cursor of an HTML message being written', async () => {
    const mock = composeMock('html');
    g.Office = mock;
    await expect(insertSnippet(snippet)).resolves.toEqual({ kind: 'inserted', as: 'html' });
    expect(mock.context.mailbox.item.body.inserted).toBe(snippet.html);
    expect(mock.context.mailbox.item.body.coercion).toBe('html');
  });

  it('inserts text into a plain-text body (asks the body type first)', async () => {
    const mock = composeMock('text');
    g.Office = mock;
    await expect(insertSnippet(snippet)).resolves.toEqual({ kind: 'inserted', as: 'text' });
    expect(mock.context.mailbox.item.body.inserted).toBe(snippet.text);
    expect(mock.context.mailbox.item.body.coercion).toBe('text');
  });

  it('inserts into an appointment being organized the same way', async () => {
    const mock = composeMock('html', 'appointment');
    g.Office = mock;
    await expect(insertSnippet(snippet)).resolves.toEqual({ kind: 'inserted', as: 'html' });
    expect(mock.context.mailbox.item.body.inserted).toBe(snippet.html);
  });

  it("reports Outlook's refusal as a failure with its message", async () => {
    g.Office = new OfficeMockObject(
      {
        ...enums,
        context: {
          mailbox: {
            item: {
              body: {
                getTypeAsync: (...a: unknown[]) => lastFn(a)(ok('html')),
                setSelectedDataAsync: (_d: string, _o: unknown, cb: Callback) =>
                  cb(failed('DataExceedsMaximumSize', 'The data is longer than 1,000,000 characters.')),
              },
            },
          },
        },
      },
      'outlook' as never,
    );
    await expect(insertSnippet(snippet)).resolves.toEqual({
      kind: 'failed',
      detail: 'The data is longer than 1,000,000 characters.',
    });
  });

  it('in read mode opens a new message prefilled with the HTML snippet (displayNewMessageForm)', async () => {
    const mock = new OfficeMockObject(
      {
        ...enums,
        context: {
          mailbox: {
            form: '',
            item: { itemType: 'message', body: { getAsync: () => undefined } },
            displayNewMessageForm(form: unknown) {
              this.form = form;
            },
          },
        },
      },
      'outlook' as never,
    ) as unknown as { context: { mailbox: { form: unknown } } };
    g.Office = mock;
    await expect(insertSnippet(snippet, 'Équipe technique')).resolves.toEqual({ kind: 'new-message' });
    expect(mock.context.mailbox.form).toEqual({ htmlBody: snippet.html, subject: 'Équipe technique' });
  });

  it('refuses a snippet over the 32 KB htmlBody limit in read mode, opening nothing', async () => {
    let opened = false;
    g.Office = new OfficeMockObject(
      { ...enums, context: { mailbox: { item: {}, displayNewMessageForm: () => (opened = true) } } },
      'outlook' as never,
    );
    const big = { html: 'x'.repeat(NEW_MESSAGE_HTML_LIMIT + 1), text: '' };
    await expect(insertSnippet(big)).resolves.toEqual({ kind: 'too-large' });
    expect(opened).toBe(false);
  });

  it('outside Outlook says there is no item', async () => {
    await expect(insertSnippet(snippet)).resolves.toEqual({ kind: 'no-item' });
    expect(displayLanguage()).toBeUndefined();
  });
});

/** A mailbox with master categories (Mailbox 1.8 when `supported`), holding `initial`. */
function categoriesMock(initial: Array<{ displayName: string; color: string }>, supported = true, failAdd = false) {
  const mock = new OfficeMockObject(
    {
      ...enums,
      context: {
        displayLanguage: 'en-US',
        requirements: {
          isSetSupported: (name: string, version: string) => supported && name === 'Mailbox' && Number(version) <= 1.8,
        },
        mailbox: {
          masterCategories: {
            calls: [] as string[],
            getAsync(cb: Callback) {
              this.calls.push('get');
              cb(ok(initial.map((c) => ({ ...c }))));
            },
            addAsync(list: Array<{ displayName: string; color: string }>, cb: Callback) {
              this.calls.push(`add ${list.map((c) => `${c.displayName}=${c.color}`).join(',')}`);
              if (failAdd && list[0]?.color !== 'Preset3') return cb(failed('GenericError', 'Outlook said no'));
              initial.push(...list);
              cb(ok());
            },
            removeAsync(names: string[], cb: Callback) {
              this.calls.push(`remove ${names.join(',')}`);
              for (const n of names)
                initial.splice(
                  initial.findIndex((c) => c.displayName === n),
                  1,
                );
              cb(ok());
            },
          },
        },
      },
    },
    'outlook' as never,
  ) as unknown as { context: { mailbox: { masterCategories: { calls: string[] } } } };
  return mock;
}

describe('ensureMasterCategory (office-addin-mock, Mailbox 1.8)', () => {
  it('creates the category with its preset color, leaving the other categories alone', async () => {
    const cats = [{ displayName: 'Personnel', color: 'Preset3' }];
    const mock = categoriesMock(cats);
    g.Office = mock;
    await expect(ensureMasterCategory('Équipe technique', 22)).resolves.toEqual({
      kind: 'created',
      name: 'Équipe technique',
    });
    expect(mock.context.mailbox.masterCategories.calls).toEqual(['get', 'add Équipe technique=Preset22']);
    expect(cats).toEqual([
      { displayName: 'Personnel', color: 'Preset3' },
      { displayName: 'Équipe technique', color: 'Preset22' },
    ]);
  });

  it('changes nothing when the category already has that color', async () => {
    const mock = categoriesMock([{ displayName: 'Équipe technique', color: 'Preset22' }]);
    g.Office = mock;
    await expect(ensureMasterCategory('équipe technique', 22)).resolves.toEqual({
      kind: 'unchanged',
      name: 'Équipe technique',
    });
    expect(mock.context.mailbox.masterCategories.calls).toEqual(['get']);
  });

  it('recolors only that category (remove + add of the same name), never the others', async () => {
    const cats = [
      { displayName: 'Équipe technique', color: 'Preset0' },
      { displayName: 'Client', color: 'Preset7' },
    ];
    const mock = categoriesMock(cats);
    g.Office = mock;
    await expect(ensureMasterCategory('Équipe technique', 22)).resolves.toEqual({
      kind: 'updated',
      name: 'Équipe technique',
    });
    expect(mock.context.mailbox.masterCategories.calls).toEqual([
      'get',
      'remove Équipe technique',
      'add Équipe technique=Preset22',
    ]);
    expect(cats).toEqual(
      expect.arrayContaining([
        { displayName: 'Client', color: 'Preset7' },
        { displayName: 'Équipe technique', color: 'Preset22' },
      ]),
    );
    expect(cats).toHaveLength(2);
  });

  it('puts the old category back when Outlook refuses the recolored one', async () => {
    const cats = [{ displayName: 'Équipe technique', color: 'Preset3' }];
    g.Office = categoriesMock(cats, true, true);
    const out = await ensureMasterCategory('Équipe technique', 22);
    expect(out).toEqual({ kind: 'failed', name: 'Équipe technique', detail: 'Outlook said no' });
    expect(cats).toEqual([{ displayName: 'Équipe technique', color: 'Preset3' }]);
  });

  it('without Mailbox 1.8 touches nothing and says which category to create', async () => {
    const mock = categoriesMock([], false);
    g.Office = mock;
    await expect(ensureMasterCategory('Équipe technique', 22)).resolves.toEqual({
      kind: 'unsupported',
      name: 'Équipe technique',
    });
    expect(mock.context.mailbox.masterCategories.calls).toEqual([]);
  });

  it('maps presets to Office.js color names', () => {
    expect(categoryColor(0)).toBe('Preset0');
    expect(categoryColor(24)).toBe('Preset24');
    expect(categoryColor(null)).toBe('None');
    expect(categoryColor(-1)).toBe('None');
  });
});
