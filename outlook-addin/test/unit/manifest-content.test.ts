// Issue 13, manifest.xml: what Outlook is told to show. Pinnable task pane buttons on the four surfaces, the two
// commands ("Insert calendar link" on compose, "Share a calendar" on read), ReadWriteMailbox, the requirement sets,
// and VersionOverrides 1.1 nested in 1.0 as its last child. The structure (XSD order, resids, URLs, French, icons)
// is checked by manifest-checks.test.ts.
import {
  controls,
  extensionPoints,
  kid,
  kids,
  NS,
  parseManifest,
  readManifest,
  resource,
  versionOverrides,
  xsiType,
  type XmlElement,
} from '../support/manifest-xml';

const root = parseManifest(readManifest());
const { v10, v11 } = versionOverrides(root);

const SURFACES = [
  'MessageReadCommandSurface',
  'MessageComposeCommandSurface',
  'AppointmentOrganizerCommandSurface',
  'AppointmentAttendeeCommandSurface',
];

const action = (c: XmlElement) => kid(c, 'Action');
const urlOf = (vo: XmlElement | undefined, c: XmlElement) =>
  resource(vo, kid(action(c), 'SourceLocation')?.attrs['resid'] ?? '')?.attrs['DefaultValue'];
const labelOf = (vo: XmlElement | undefined, c: XmlElement) =>
  resource(vo, kid(c, 'Label')?.attrs['resid'] ?? '')?.attrs['DefaultValue'];
const functionButtons = (ep: XmlElement | undefined) =>
  controls(ep).filter((c) => xsiType(action(c)!) === 'ExecuteFunction');

describe('manifest.xml commands', () => {
  it('is a mail add-in asking ReadWriteMailbox (categories need it) on Mailbox 1.1', () => {
    expect(root.local).toBe('OfficeApp');
    expect(xsiType(root)).toBe('MailApp');
    expect(kid(root, 'Permissions')?.text.trim()).toBe('ReadWriteMailbox');
    const set = kid(kid(kid(root, 'Requirements'), 'Sets'), 'Set');
    expect(set?.attrs).toMatchObject({ Name: 'Mailbox', MinVersion: '1.1' });
  });

  it('nests VersionOverrides 1.1 in 1.0 as its last child, commands requiring Mailbox 1.3', () => {
    expect(v10).toBeDefined();
    expect(xsiType(v10!)).toBe('VersionOverridesV1_0');
    expect(v11).toBeDefined();
    expect(xsiType(v11!)).toBe('VersionOverridesV1_1');
    expect(v10!.children.at(-1)).toBe(v11);
    for (const vo of [v10, v11]) {
      const sets = kid(kid(vo, 'Requirements'), 'Sets', NS.bt);
      expect(sets?.attrs['DefaultMinVersion']).toBe('1.3');
      expect(kids(sets, 'Set', NS.bt).map((s) => s.attrs['Name'])).toEqual(['Mailbox']);
    }
  });

  it.each(SURFACES)('%s has a task pane button, pinnable in VersionOverrides 1.1', (surface) => {
    const ep = extensionPoints(v11).get(surface);
    expect(ep).toBeDefined();
    const panes = controls(ep).filter(
      (c) => xsiType(action(c)!) === 'ShowTaskpane' && urlOf(v11, c)?.endsWith('/taskpane.html'),
    );
    expect(panes).toHaveLength(1);
    expect(kid(action(panes[0]!), 'SupportsPinning')?.text.trim()).toBe('true');
    // Older clients reading only 1.0 get the same button (SupportsPinning does not exist in the 1.0 schema).
    expect(controls(extensionPoints(v10).get(surface)).map((c) => c.attrs['id'])).toEqual(
      controls(ep).map((c) => c.attrs['id']),
    );
  });

  it('every task pane button in 1.1 is pinnable, none in 1.0', () => {
    const panes = (vo: XmlElement | undefined) =>
      [...extensionPoints(vo).values()].flatMap(controls).filter((c) => xsiType(action(c)!) === 'ShowTaskpane');
    expect(panes(v11).length).toBeGreaterThanOrEqual(5);
    for (const c of panes(v11)) expect(kid(action(c), 'SupportsPinning')?.text.trim()).toBe('true');
    for (const c of panes(v10)) expect(kid(action(c), 'SupportsPinning')).toBeUndefined();
  });

  it('"Insert calendar link" runs insertCalendarLink from the function file on compose (and in a meeting)', () => {
    for (const vo of [v10, v11]) {
      const compose = functionButtons(extensionPoints(vo).get('MessageComposeCommandSurface'));
      expect(compose).toHaveLength(1);
      expect(kid(action(compose[0]!), 'FunctionName')?.text.trim()).toBe('insertCalendarLink');
      expect(labelOf(vo, compose[0]!)).toBe('Insert calendar link');
      const organizer = functionButtons(extensionPoints(vo).get('AppointmentOrganizerCommandSurface'));
      expect(organizer.map((c) => kid(action(c), 'FunctionName')?.text.trim())).toEqual(['insertCalendarLink']);
      const ff = kid(kid(kid(kid(vo, 'Hosts'), 'Host'), 'DesktopFormFactor'), 'FunctionFile');
      expect(resource(vo, ff?.attrs['resid'] ?? '')?.attrs['DefaultValue']).toBe(
        'https://localhost:3000/commands.html',
      );
    }
    // Read surfaces cannot write into a body: no function command there.
    expect(functionButtons(extensionPoints(v11).get('MessageReadCommandSurface'))).toEqual([]);
    expect(functionButtons(extensionPoints(v11).get('AppointmentAttendeeCommandSurface'))).toEqual([]);
  });

  it('"Share a calendar" on the read surface opens the pane on its share view (taskpane.html?view=share)', () => {
    const share = controls(extensionPoints(v11).get('MessageReadCommandSurface')).filter(
      (c) => labelOf(v11, c) === 'Share a calendar',
    );
    expect(share).toHaveLength(1);
    expect(xsiType(action(share[0]!)!)).toBe('ShowTaskpane');
    expect(urlOf(v11, share[0]!)).toBe('https://localhost:3000/taskpane.html?view=share');
  });

  it('the insight message of the function file can name the pane buttons it opens (ids the commands use)', () => {
    // commands.ts opens the pane through these ids (InsightMessage showTaskPane action, Mailbox 1.10).
    expect(controls(extensionPoints(v11).get('MessageComposeCommandSurface')).map((c) => c.attrs['id'])).toContain(
      'msgComposeOpenPane',
    );
    expect(
      controls(extensionPoints(v11).get('AppointmentOrganizerCommandSurface')).map((c) => c.attrs['id']),
    ).toContain('apptOrganizerOpenPane');
  });
});
