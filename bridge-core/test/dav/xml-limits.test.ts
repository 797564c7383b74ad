// Issue 10 item 10: the DAV XML parser bounds nesting depth and size before/while parsing, with a typed error.
import { MalformedResponseError } from '../../src/dav/errors.js';
import { parseMultistatus, streamMultistatus } from '../../src/dav/multistatus.js';
import { parseXml, XmlLimitError } from '../../src/dav/xml.js';

const URL_ = 'http://dav.example/cal/';

/** About 280 KB of nested elements inside a multistatus (what took 27 s to refuse before). */
const deepNesting = (): string => {
  return `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/x</d:href>${'<d:prop>'.repeat(35_000)}`;
};

describe('XML limits', () => {
  it('refuses 280 KB of nesting with XmlLimitError (depth), a malformed-response DavError', () => {
    const body = deepNesting();
    expect(body.length).toBeGreaterThan(270_000);
    let caught: unknown;
    try {
      parseMultistatus(body, URL_, 207);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(XmlLimitError);
    expect(caught).toBeInstanceOf(MalformedResponseError);
    expect((caught as XmlLimitError).limit).toBe('depth');
    expect((caught as XmlLimitError).code).toBe('malformed-response');
    expect((caught as XmlLimitError).messageFr).toMatch(/imbriqué sur plus de 100 niveaux/);
  });

  it('refuses the same nesting when it arrives in chunks (streamed multistatus)', () => {
    const stream = streamMultistatus(URL_, 207, () => undefined);
    const body = deepNesting();
    expect(() => {
      for (let i = 0; i < body.length; i += 16_384) stream.write(body.slice(i, i + 16_384));
    }).toThrow(XmlLimitError);
  });

  it('refuses a document larger than the size bound before parsing it', () => {
    const big = `<a>${'x'.repeat(5000)}</a>`;
    expect(() => parseXml(big, URL_, 200, { maxDepth: 100, maxChars: 1000 })).toThrow(
      expect.objectContaining({ limit: 'size', max: 1000 }),
    );
    const stream = streamMultistatus(URL_, 207, () => undefined, { maxDepth: 100, maxChars: 1000 });
    stream.write('<d:multistatus xmlns:d="DAV:">');
    expect(() => stream.write(' '.repeat(1000))).toThrow(XmlLimitError);
  });

  it('still reads ordinary DAV answers (nesting of a few levels)', () => {
    const ms = parseMultistatus(
      `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/cal/a.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`,
      URL_,
      207,
    );
    expect(ms.responses).toHaveLength(1);
  });
});
