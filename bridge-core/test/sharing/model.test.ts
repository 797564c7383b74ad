/** The pure parts of sharing: capability decisions, ACL rewriting, role mapping, notifications, mail snippets. */
import { NS, qname } from '../../src/dav/namespaces.js';
import { parseXml } from '../../src/dav/xml.js';
import { capabilitiesFrom, type SharingProbe } from '../../src/sharing/detect.js';
import { accessFromAce, buildAcl, parseAcl } from '../../src/sharing/drivers/acl.js';
import { rightsFromRoles, rolesFor } from '../../src/sharing/drivers/sogo.js';
import { parseInviteNotification } from '../../src/sharing/invitations.js';
import { renderLinkSnippet } from '../../src/sharing/snippet.js';
import { emailOf } from '../../src/sharing/principals.js';

const probe = (p: Partial<SharingProbe>): SharingProbe => ({
  davTokens: [],
  allow: [],
  server: undefined,
  sabreVersion: undefined,
  davicalVersion: undefined,
  privileges: ['all', 'read', 'write', 'write-acl'],
  allowedSharingModes: [],
  hasInviteProperty: false,
  isSogo: false,
  ...p,
});

describe('capabilitiesFrom', () => {
  it('Radicale: no sharing protocol, named from its WSGI server header', () => {
    const c = capabilitiesFrom(
      probe({
        davTokens: ['1', '2', '3', 'calendar-access', 'addressbook', 'extended-mkcol'],
        server: 'WSGIServer/0.2 CPython/3.11.2',
      }),
    );
    expect(c).toMatchObject({ driver: 'none', server: 'Radicale', levels: [], publish: false, canManage: false });
  });
  it('Cyrus offers both invitation dialects and ACL; prefers resource sharing, honours a preference', () => {
    const p = probe({
      davTokens: ['access-control', 'resource-sharing', 'calendarserver-sharing'],
      allow: ['ACL'],
      server: 'Cyrus-HTTP/3.6.1',
    });
    expect(capabilitiesFrom(p).driver).toBe('resource-sharing');
    expect(capabilitiesFrom(p, 'calendarserver').driver).toBe('calendarserver');
    expect(capabilitiesFrom(p, 'webdav-acl')).toMatchObject({
      driver: 'webdav-acl',
      levels: ['read', 'read-write', 'admin'],
    });
    expect(capabilitiesFrom(p, 'sogo').driver).toBe('resource-sharing'); // not offered: ignored
  });
  it('my own rights decide whether I may manage sharing', () => {
    const p = probe({
      davTokens: ['access-control'],
      allow: ['ACL', 'MKTICKET'],
      davicalVersion: 'DAViCal/1.1.12',
      privileges: ['read', 'write'],
    });
    expect(capabilitiesFrom(p)).toMatchObject({ driver: 'davical', canManage: false, publishExpiry: true });
  });
});

describe('WebDAV ACL rewriting', () => {
  const D = (l: string) => qname(NS.DAV, l);
  const acl = parseXml(
    `<D:acl xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
      <D:ace><D:principal><D:property><D:owner/></D:property></D:principal><D:grant><D:privilege><D:all/></D:privilege><D:privilege><D:read/></D:privilege></D:grant></D:ace>
      <D:ace><D:principal><D:href>/dav/principals/user/carol/</D:href></D:principal><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>
      <D:ace><D:principal><D:href>/dav/principals/user/bob/</D:href></D:principal><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>
      <D:ace><D:principal><D:authenticated/></D:principal><D:grant><D:privilege><C:read-free-busy/></D:privilege></D:grant><D:protected/></D:ace>
      <D:ace><D:principal><D:href>/dav/principals/user/dan/</D:href></D:principal><D:grant><D:privilege><D:read/></D:privilege></D:grant><D:inherited><D:href>/dav/</D:href></D:inherited></D:ace>
    </D:acl>`,
    'http://x/',
  );
  const aces = parseAcl(acl, 'http://x/dav/calendars/user/alice/cal/');

  it('changes only the sharee ACE, keeps the owner and other sharees, drops protected and inherited', () => {
    const body = buildAcl(aces, 'http://x/dav/principals/user/bob/', '/dav/principals/user/bob/', 'read-write');
    const out = parseAcl(parseXml(body, 'http://x/'), 'http://x/');
    expect(
      out.map((a) => [
        a.href ?? a.principal.children[0]?.local,
        a.grant.map((g) => g.replace(/^\{DAV:\}/, '')).join('+'),
      ]),
    ).toEqual([
      ['property', 'all'],
      ['http://x/dav/principals/user/carol/', 'read'],
      ['http://x/dav/principals/user/bob/', 'read+write'],
    ]);
  });
  it('removal leaves the others untouched (and can clear with an empty grant for DAViCal)', () => {
    const plain = parseAcl(
      parseXml(
        buildAcl(aces, 'http://x/dav/principals/user/bob/', '/dav/principals/user/bob/', undefined),
        'http://x/',
      ),
      'http://x/',
    );
    expect(plain.map((a) => a.href).filter(Boolean)).toEqual(['http://x/dav/principals/user/carol/']);
    const body = buildAcl(aces, 'http://x/dav/principals/user/bob/', '/dav/principals/user/bob/', undefined, true);
    expect(body).toMatch(/<d:href>\/dav\/principals\/user\/bob\/<\/d:href><\/d:principal><d:grant\/>/);
  });
  it('maps privileges to the rights model', () => {
    expect(accessFromAce([D('all')])).toBe('admin');
    expect(accessFromAce([D('read'), D('write')])).toBe('read-write');
    expect(accessFromAce([D('read')])).toBe('read');
    expect(accessFromAce([])).toBeUndefined();
  });
});

describe('SOGo roles', () => {
  it('round-trips every level and the private-event setting', () => {
    for (const access of ['read', 'read-write'] as const) {
      for (const privateEvents of [true, false]) {
        expect(rightsFromRoles(rolesFor({ access, privateEvents }))).toEqual({ access, privateEvents });
      }
    }
    expect(rolesFor({ access: 'read' })).toContain('PrivateDAndTViewer');
    expect(rightsFromRoles(['PublicDAndTViewer'])).toEqual({ access: 'read', privateEvents: false });
    expect(rightsFromRoles([])).toBeUndefined();
  });
});

describe('invitation notifications', () => {
  it('reads a CalendarServer invite-notification (as Cyrus sends it)', () => {
    const xml = `<?xml version="1.0"?><CS:notification xmlns:CS="http://calendarserver.org/ns/"><CS:invite-notification><CS:uid>abc.xml</CS:uid><D:href xmlns:D="DAV:">/dav/principals/user/bob/</D:href><CS:invite-noresponse/><CS:access><CS:read-write/></CS:access><CS:hosturl><D:href xmlns:D="DAV:">/dav/calendars/user/alice/team/</D:href></CS:hosturl><CS:organizer><D:href xmlns:D="DAV:">/dav/principals/user/alice/</D:href><CS:common-name>Gilles</CS:common-name></CS:organizer><CS:summary>Équipe tech</CS:summary></CS:invite-notification></CS:notification>`;
    expect(parseInviteNotification(xml, 'http://h/dav/notifications/user/bob/abc.xml')).toEqual({
      id: 'abc.xml',
      url: 'http://h/dav/notifications/user/bob/abc.xml',
      collection: 'http://h/dav/calendars/user/alice/team/',
      owner: 'http://h/dav/principals/user/alice/',
      ownerName: 'Gilles',
      access: 'read-write',
      summary: 'Équipe tech',
      state: 'pending',
    });
  });
  it('reads a draft DAV:share-invite-notification', () => {
    const xml = `<D:notification xmlns:D="DAV:"><D:share-invite-notification><D:invite-accepted/><D:principal><D:href>/p/alice/</D:href><D:prop><D:displayname>Alice</D:displayname></D:prop></D:principal><D:sharer-resource-uri><D:href>/c/alice/x/</D:href></D:sharer-resource-uri><D:share-access><D:read/></D:share-access></D:share-invite-notification></D:notification>`;
    expect(parseInviteNotification(xml, 'http://h/n/1.xml')).toMatchObject({
      collection: 'http://h/c/alice/x/',
      owner: 'http://h/p/alice/',
      ownerName: 'Alice',
      access: 'read',
      state: 'accepted',
    });
  });
});

describe('revoked-share notices (issue 12)', () => {
  it('a "no access" share notice is revoked, not a pending read invitation', () => {
    const xml = `<D:notification xmlns:D="DAV:"><D:share-invite-notification><D:invite-noresponse/><D:principal><D:href>/p/alice/</D:href></D:principal><D:sharer-resource-uri><D:href>/c/alice/x/</D:href></D:sharer-resource-uri><D:share-access><D:no-access/></D:share-access></D:share-invite-notification></D:notification>`;
    expect(parseInviteNotification(xml, 'http://h/n/2.xml')).toMatchObject({ state: 'revoked' });
  });
  it("Cyrus 3.6's notice after unshare (as received here) is revoked", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<CS:notification xmlns:CS="http://calendarserver.org/ns/"><CS:dtstamp>20261202T011218Z</CS:dtstamp><CS:invite-notification><CS:uid>7c7efcec.xml</CS:uid><D:href xmlns:D="DAV:">/dav/principals/user/carol/</D:href><CS:invite-noresponse/><CS:access><CS:no-access/></CS:access><CS:hosturl><D:href xmlns:D="DAV:">/dav/calendars/user/alice/equipe/</D:href></CS:hosturl><CS:organizer><D:href xmlns:D="DAV:">/dav/principals/user/alice/</D:href><CS:common-name>alice</CS:common-name></CS:organizer><CS:summary/></CS:invite-notification></CS:notification>`;
    expect(parseInviteNotification(xml, 'http://h/dav/notifications/user/carol/7c7efcec.xml')).toMatchObject({
      state: 'revoked',
      collection: 'http://h/dav/calendars/user/alice/equipe/',
    });
  });
  it('a CalendarServer invite-deleted is revoked', () => {
    const xml = `<CS:notification xmlns:CS="http://calendarserver.org/ns/"><CS:invite-notification><CS:invite-deleted/><CS:access><CS:read/></CS:access><CS:hosturl><D:href xmlns:D="DAV:">/c/alice/x/</D:href></CS:hosturl></CS:invite-notification></CS:notification>`;
    expect(parseInviteNotification(xml, 'http://h/n/3.xml')).toMatchObject({ state: 'revoked' });
  });
});

describe('emailOf', () => {
  it('accepts addresses and mailto:, rejects paths and ids', () => {
    expect(emailOf('Bob@Example.com')).toBe('bob@example.com');
    expect(emailOf('mailto:bob@example.com')).toBe('bob@example.com');
    expect(emailOf('/dav/principals/user/bob/')).toBeUndefined();
    expect(emailOf('bob')).toBeUndefined();
  });
});

describe('mail snippet', () => {
  const link = {
    ics: 'https://cal.example.org/public.php/alice/team/?ticket=A&b="<x>"',
    webcal: 'webcal://cal.example.org/public.php/alice/team/?ticket=A',
    html: null,
  };

  it('escapes everything in the HTML, in French and English', () => {
    for (const lang of ['fr', 'en'] as const) {
      const s = renderLinkSnippet({
        link,
        lang,
        calendarName: 'Équipe <tech> & co',
        from: 'Gilles "G"',
        passwordNote: '<script>alert(1)</script>',
      });
      expect(s.html).not.toMatch(/<script>|<tech>|"<x>"/);
      expect(s.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(s.html).toContain('Équipe &lt;tech&gt; &amp; co');
      expect(s.html).toContain(
        'href="https://cal.example.org/public.php/alice/team/?ticket=A&amp;b=&quot;&lt;x&gt;&quot;"',
      );
      expect(s.text).toContain('<script>alert(1)</script>'); // plain text is not HTML: kept as typed
      for (const app of ['Outlook', 'Thunderbird', 'Apple', 'Google', 'Android']) expect(s.text).toContain(app);
    }
  });
  it("says until when the link works, in the reader's language", () => {
    const expires = new Date('2026-12-31T23:59:00Z');
    const fr = renderLinkSnippet({ link: link.ics, lang: 'fr', expires, calendarName: 'Équipe tech' });
    expect(fr.text).toContain("Ce lien fonctionne jusqu'au jeudi 31 décembre 2026");
    expect(fr.text).toContain('webcal://cal.example.org/');
    expect(fr.subject).toBe("Lien d'agenda : Équipe tech");
    const en = renderLinkSnippet({ link: link.ics, lang: 'en', expires });
    expect(en.text).toContain('This link works until Thursday, 31 December 2026');
    expect(en.text).not.toContain('jusqu');
    const none = renderLinkSnippet({ link: link.ics, lang: 'en' });
    expect(none.text).toContain('no end date');
  });
  it('labels an http:// link "(http)", never "(https)", and an https:// one "(https)" (issue 12 item 8)', () => {
    const plain = 'http://127.0.0.1:58081/public.php/alice/equipe/?ticket=T';
    for (const lang of ['en', 'fr'] as const) {
      const s = renderLinkSnippet({ link: { ics: plain, html: null }, lang, calendarName: 'Équipe technique' });
      expect(s.text).toMatch(/\(http\) ?: http:\/\/127\.0\.0\.1:58081\//);
      expect(s.text).not.toContain('(https)');
      expect(s.html).not.toContain('(https)');
      expect(s.text).toContain('webcal://127.0.0.1:58081/');
      const secure = renderLinkSnippet({ link: link.ics, lang });
      expect(secure.text).toMatch(/\(https\) ?: https:\/\/cal\.example\.org\//);
    }
  });
  it('writes an apostrophe as &#39; in the HTML (HTML 4 has no &apos;) (issue 12 item 8)', () => {
    const s = renderLinkSnippet({ link, lang: 'fr', calendarName: "L'équipe d'Alexandre", from: "Gilles O'Neil" });
    expect(s.html).not.toContain('&apos;');
    expect(s.html).toContain('L&#39;équipe d&#39;Alexandre');
    expect(s.html).toContain('Gilles O&#39;Neil');
    expect(s.text).toContain("L'équipe d'Alexandre"); // plain text keeps the apostrophe as typed
  });
});
