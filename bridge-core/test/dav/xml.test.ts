import { MalformedResponseError } from '../../src/dav/errors.js';
import { okProps, parseMultistatus, sameResource, streamMultistatus } from '../../src/dav/multistatus.js';
import { NS, qname } from '../../src/dav/namespaces.js';
import { parseXml, textOf } from '../../src/dav/xml.js';
import { el, toXml } from '../../src/dav/xml-write.js';

const BASE = 'http://dav.example/cal/';

describe('namespace-aware XML', () => {
  const body = `<?xml version="1.0" encoding="utf-8"?>
  <multistatus xmlns="DAV:" xmlns:CS="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns"
               xmlns:A="http://apple.com/ns/ical/">
    <response><href>/cal/team/</href>
      <propstat><prop>
        <displayname>2024.10</displayname>
        <A:calendar-color>#0082C9FF</A:calendar-color>
        <CS:invite><CS:user><href>mailto:bob@example.com</href></CS:user></CS:invite>
        <oc:invite><oc:user><href>principal:principals/users/carol</href></oc:user></oc:invite>
      </prop><status>HTTP/1.1 200 OK</status></propstat>
      <propstat><prop><getctag/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
    </response>
    <response><href>/cal/team/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response>
    <sync-token>http://example/sync/42</sync-token>
  </multistatus>`;

  it('keeps property values as strings and namespaces apart', () => {
    const ms = parseMultistatus(body, BASE, 207);
    const first = ms.responses[0]!;
    const props = okProps(first);
    expect(textOf(props.get(qname(NS.DAV, 'displayname')))).toBe('2024.10');
    expect(textOf(props.get(qname(NS.APPLE, 'calendar-color')))).toBe('#0082C9FF');
    const cs = props.get(qname(NS.CS, 'invite'))!;
    const oc = props.get(qname(NS.OC, 'invite'))!;
    expect(cs.ns).toBe(NS.CS);
    expect(oc.ns).toBe(NS.OC);
    expect(cs.children[0]!.children[0]!.text).toBe('mailto:bob@example.com');
    expect(oc.children[0]!.children[0]!.text).toBe('principal:principals/users/carol');
    // a property the server did not have is not reported as present
    expect(props.has(qname('DAV:', 'getctag'))).toBe(false);
  });

  it('resolves hrefs, reads per-response status and the sync token', () => {
    const ms = parseMultistatus(body, BASE, 207);
    expect(ms.responses[0]!.href).toBe('http://dav.example/cal/team/');
    expect(ms.responses[1]!.status).toBe(404);
    expect(ms.syncToken).toBe('http://example/sync/42');
  });

  it.each([
    ['truncated document', '<d:multistatus xmlns:d="DAV:"><d:response>'],
    ['not XML at all', 'Internal error, please retry'],
    ['an HTML page', '<!DOCTYPE html><html><body><p>Oops<br></body></html>'],
    ['empty body', ''],
    ['undeclared prefix', '<x:multistatus><x:response/></x:multistatus>'],
  ])('rejects %s with a clear MalformedResponseError', (_name, text) => {
    let caught: unknown;
    try {
      parseMultistatus(text, BASE, 207);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MalformedResponseError);
    const err = caught as MalformedResponseError;
    expect(err.url).toBe(BASE);
    expect(err.message).toMatch(/cannot be read/);
    expect(err.messageFr).toMatch(/illisible/);
  });

  it('refuses a well-formed document that is not a multistatus', () => {
    expect(() => parseMultistatus('<d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>', BASE)).toThrow(
      /expected a DAV multistatus/,
    );
  });

  it('writes escaped bodies with declared namespaces that parse back', () => {
    const xml = toXml(el(qname(NS.DAV, 'propertyupdate'), el(qname(NS.DAV, 'displayname'), 'R&D <équipe> "1"')));
    const root = parseXml(xml, BASE);
    expect(root.ns).toBe(NS.DAV);
    expect(root.children[0]!.text).toBe('R&D <équipe> "1"');
  });

  it('compares resources regardless of encoding and trailing slash', () => {
    expect(sameResource('http://h/a%20b/', 'http://h/a b')).toBe(true);
    expect(sameResource('http://h/a/', 'http://h/b/')).toBe(false);
  });
});

describe('undeclared prefixes (Cyrus 3.6 writes <CS:notification/> without xmlns:CS)', () => {
  it('resolves the conventional DAV prefixes and keeps unknown ones apart', () => {
    const text = `<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>/n/</href><propstat><prop>
      <resourcetype><collection/><CS:notification/><zz:thing/></resourcetype></prop>
      <status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    const ms = parseMultistatus(text, BASE, 207);
    const type = okProps(ms.responses[0]!).get(qname(NS.DAV, 'resourcetype'))!;
    expect(type.children.map((c) => c.name)).toEqual([
      qname(NS.DAV, 'collection'),
      qname(NS.CS, 'notification'),
      qname('urn:x-undeclared-prefix:zz', 'thing'),
    ]);
  });
});

describe('streaming a multistatus', () => {
  const doc = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${[1, 2, 3]
    .map((i) => `<d:response><d:href>/c/${i}.ics</d:href><d:status>HTTP/1.1 200 OK</d:status></d:response>`)
    .join('')}<d:sync-token>tok-3</d:sync-token></d:multistatus>`;

  it('hands over each response as it completes, whatever the chunk boundaries', () => {
    for (const size of [1, 7, 64, doc.length]) {
      const seen: string[] = [];
      const stream = streamMultistatus(BASE, 207, (r) => seen.push(r.href));
      for (let i = 0; i < doc.length; i += size) stream.write(doc.slice(i, i + size));
      expect(stream.close().syncToken).toBe('tok-3');
      expect(seen).toEqual(['http://dav.example/c/1.ics', 'http://dav.example/c/2.ics', 'http://dav.example/c/3.ics']);
    }
  });

  it('fails at the first malformed chunk, with the clear error', () => {
    const stream = streamMultistatus(BASE, 207, () => undefined);
    stream.write('<d:multistatus xmlns:d="DAV:"><d:response>');
    expect(() => stream.write('<d:href>/x</d:hre></d:response>')).toThrow(MalformedResponseError);
  });
});
