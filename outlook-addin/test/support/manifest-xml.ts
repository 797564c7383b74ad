/**
 * Reading manifest.xml in tests: core's namespace-aware XML reader (the one that reads DAV answers), plus the few
 * walks the manifest tests need. Namespaces matter: a VersionOverrides 1.1 element is only what Outlook reads when
 * it sits in the 1.1 namespace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseXml, type XmlElement } from '../../../bridge-core/src/dav/xml';

export type { XmlElement };

export const MANIFEST_PATH = resolve(__dirname, '..', '..', '..', 'manifest.xml');
/** The address the manifest is written for; the bridge replaces it with its public base URL when serving it. */
export const MANIFEST_DEV_BASE = 'https://localhost:3000';

export const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  vo10: 'http://schemas.microsoft.com/office/mailappversionoverrides',
  vo11: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export function readManifest(path = MANIFEST_PATH): string {
  return readFileSync(path, 'utf8');
}

export function parseManifest(xml: string): XmlElement {
  return parseXml(xml, 'manifest.xml');
}

/** The xsi:type of an element (the manifest always spells the prefix "xsi"). */
export const xsiType = (el: XmlElement): string | undefined => el.attrs['xsi:type'];

export const kids = (el: XmlElement | undefined, local: string, ns?: string): XmlElement[] =>
  el ? el.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns)) : [];

export const kid = (el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined =>
  kids(el, local, ns)[0];

/** Every element below `el` (depth first, document order), `el` excluded. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The two VersionOverrides levels: 1.0 under OfficeApp, 1.1 nested in it. */
export function versionOverrides(root: XmlElement): { v10: XmlElement | undefined; v11: XmlElement | undefined } {
  const v10 = kid(root, 'VersionOverrides', NS.vo10);
  return { v10, v11: kid(v10, 'VersionOverrides', NS.vo11) };
}

/** The ExtensionPoint elements of one VersionOverrides level, by xsi:type. */
export function extensionPoints(vo: XmlElement | undefined): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const host of kids(kid(vo, 'Hosts'), 'Host')) {
    for (const ep of kids(kid(host, 'DesktopFormFactor'), 'ExtensionPoint')) out.set(xsiType(ep) ?? '', ep);
  }
  return out;
}

/** The buttons of an extension point (every group of its tab). */
export function controls(ep: XmlElement | undefined): XmlElement[] {
  return kids(kid(ep, 'OfficeTab'), 'Group').flatMap((g) => kids(g, 'Control'));
}

/** A resource's DefaultValue by id in one level's Resources (Images, Urls, ShortStrings or LongStrings). */
export function resource(vo: XmlElement | undefined, id: string): XmlElement | undefined {
  const res = kid(vo, 'Resources');
  return res?.children.flatMap((list) => list.children).find((r) => r.attrs['id'] === id);
}
