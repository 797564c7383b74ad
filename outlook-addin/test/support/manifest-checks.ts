/**
 * Offline checks of manifest.xml, standing in for Microsoft's online validator (unreachable from here). Each check
 * returns the problems it found as sentences (empty: fine), so a test can both pass the real manifest and prove on
 * a broken copy that the check catches what it is meant to.
 *
 * The element order is encoded from the XSD fragments Microsoft publishes in [MS-OWEMXML] (Office Web Extensibility
 * Manifest Format), sections 2.x and the full schemas in 5.2 (appforoffice/1.1), 5.4 (mailappversionoverrides),
 * 5.5 (mailappversionoverrides/1.1), 5.6 (officeappbasictypes/1.0): only the types this add-in uses; an element
 * with children and no model here is reported, so a new kind of element cannot slip by unchecked.
 */
import { NS, descendants, kid, kids, versionOverrides, xsiType, type XmlElement } from './manifest-xml';

type Level = 'app' | 'vo10' | 'vo11';
/**
 * A child in an xs:sequence: its local name, min and max occurrences. Unprefixed names are in the namespace of the
 * level being read; "bt:", "vo10:" and "vo11:" name the basic types and the two VersionOverrides namespaces.
 */
type Particle = [name: string, min: number, max: number];
const N = Number.POSITIVE_INFINITY;

const overrides: Particle[] = [['Override', 0, N]];
const btOverrides: Particle[] = [['bt:Override', 0, N]];

/** The content models, keyed by "<level>:<local name>[<xsi:type>]" (the type only where the schema depends on it). */
const MODELS: Record<string, Particle[]> = {
  // appforoffice/1.1: OfficeApp, then MailApp's extension of it.
  'app:OfficeApp[MailApp]': [
    ['Id', 1, 1],
    ['AlternateId', 0, 1],
    ['Version', 1, 1],
    ['ProviderName', 1, 1],
    ['DefaultLocale', 1, 1],
    ['DisplayName', 1, 1],
    ['Description', 1, 1],
    ['IconUrl', 0, 1],
    ['HighResolutionIconUrl', 0, 1],
    ['SupportUrl', 0, 1],
    ['AppDomains', 0, 1],
    ['Hosts', 0, 1],
    ['Requirements', 1, 1],
    ['FormSettings', 1, 1],
    ['Permissions', 0, 1],
    ['Rule', 1, 1],
    ['DisableEntityHighlighting', 0, 1],
    ['vo10:VersionOverrides', 0, 1],
  ],
  'app:DisplayName': overrides,
  'app:Description': overrides,
  'app:IconUrl': overrides,
  'app:HighResolutionIconUrl': overrides,
  'app:SupportUrl': overrides,
  'app:AppDomains': [['AppDomain', 0, N]],
  'app:Hosts': [['Host', 1, N]],
  'app:Requirements': [
    ['Sets', 0, 1],
    ['Methods', 0, 1],
  ],
  'app:Sets': [['Set', 1, N]],
  'app:FormSettings': [['Form', 1, N]],
  'app:Form[ItemRead]': [
    ['DesktopSettings', 1, 1],
    ['TabletSettings', 0, 1],
    ['PhoneSettings', 0, 1],
  ],
  'app:Form[ItemEdit]': [
    ['DesktopSettings', 1, 1],
    ['TabletSettings', 0, 1],
    ['PhoneSettings', 0, 1],
  ],
  'app:DesktopSettings': [
    ['SourceLocation', 1, 1],
    ['RequestedHeight', 0, 1],
  ],
  'app:SourceLocation': overrides,
  'app:Rule[RuleCollection]': [['Rule', 1, N]],
  // mailappversionoverrides (1.0), with 1.1 nested as its last child. Hosts is taken as required at both levels:
  // Microsoft's reference pages disagree on it for 1.0, and a 1.0 level without Hosts gives older clients nothing.
  'vo10:VersionOverrides[VersionOverridesV1_0]': [
    ['Description', 0, 1],
    ['Requirements', 0, 1],
    ['Hosts', 1, 1],
    ['Resources', 0, 1],
    ['vo11:VersionOverrides', 0, 1],
  ],
  'vo11:VersionOverrides[VersionOverridesV1_1]': [
    ['Description', 0, 1],
    ['Requirements', 0, 1],
    ['Hosts', 1, 1],
    ['Resources', 0, 1],
    ['WebApplicationInfo', 0, 1],
    ['EquivalentAddins', 0, 1],
  ],
  'vo:Requirements': [
    ['bt:Sets', 0, 1],
    ['bt:Methods', 0, 1],
  ],
  'vo:Hosts': [['Host', 1, N]],
  'vo10:Host[MailHost]': [
    ['DesktopFormFactor', 0, 1],
    ['MobileFormFactor', 0, 1],
  ],
  'vo11:Host[MailHost]': [
    ['Runtimes', 0, 1],
    ['DesktopFormFactor', 0, 1],
    ['MobileFormFactor', 0, 1],
  ],
  'vo10:DesktopFormFactor': [
    ['FunctionFile', 0, 1],
    ['ExtensionPoint', 1, N],
  ],
  'vo11:DesktopFormFactor': [
    ['SupportsSharedFolders', 0, 1],
    ['FunctionFile', 0, 1],
    ['ExtensionPoint', 1, N],
  ],
  ...Object.fromEntries(
    [
      'MessageReadCommandSurface',
      'MessageComposeCommandSurface',
      'AppointmentOrganizerCommandSurface',
      'AppointmentAttendeeCommandSurface',
    ].map((t) => [
      `vo:ExtensionPoint[${t}]`,
      [
        ['OfficeTab', 0, 1],
        ['CustomTab', 0, 1],
      ] as Particle[],
    ]),
  ),
  'vo:OfficeTab': [['Group', 1, N]],
  'vo:Group': [
    ['Label', 1, 1],
    ['Control', 1, N],
  ],
  'vo:Control[Button]': [
    ['Label', 1, 1],
    ['Supertip', 1, 1],
    ['Icon', 1, 1],
    ['Action', 1, 1],
  ],
  'vo:Supertip': [
    ['Title', 1, 1],
    ['Description', 1, 1],
  ],
  'vo:Icon': [['bt:Image', 1, N]],
  // SupportsPinning and the rest exist only in the 1.1 schema's ShowTaskpane.
  'vo10:Action[ShowTaskpane]': [['SourceLocation', 1, 1]],
  'vo11:Action[ShowTaskpane]': [
    ['SourceLocation', 1, 1],
    ['SupportsPinning', 0, 1],
    ['SupportsNoItemContext', 0, 1],
    ['SupportsMultiSelect', 0, 1],
  ],
  'vo:Action[ExecuteFunction]': [['FunctionName', 1, 1]],
  'vo:Resources': [
    ['bt:Images', 0, 1],
    ['bt:Urls', 0, 1],
    ['bt:ShortStrings', 0, 1],
    ['bt:LongStrings', 0, 1],
  ],
  // officeappbasictypes/1.0
  'bt:Sets': [['bt:Set', 1, N]],
  'bt:Images': [['bt:Image', 0, N]],
  'bt:Urls': [['bt:Url', 0, N]],
  'bt:ShortStrings': [['bt:String', 0, N]],
  'bt:LongStrings': [['bt:String', 0, N]],
  'bt:Image': btOverrides,
  'bt:Url': btOverrides,
  'bt:String': btOverrides,
};

const LEVEL_NS: Record<Level, string> = { app: NS.app, vo10: NS.vo10, vo11: NS.vo11 };

function modelFor(el: XmlElement, level: Level): Particle[] | undefined {
  const type = xsiType(el);
  const keys =
    el.ns === NS.bt
      ? [`bt:${el.local}`]
      : [level, level === 'app' ? '' : 'vo']
          .filter(Boolean)
          .flatMap((l) => (type ? [`${l}:${el.local}[${type}]`, `${l}:${el.local}`] : [`${l}:${el.local}`]));
  for (const k of keys) if (MODELS[k]) return MODELS[k];
  return undefined;
}

const display = (el: XmlElement) =>
  `${el.ns === NS.bt ? 'bt:' : ''}${el.local}${xsiType(el) ? `[${xsiType(el)}]` : ''}`;

const PREFIXES: Record<string, string> = { bt: NS.bt, vo10: NS.vo10, vo11: NS.vo11 };

function particleName(name: string, level: Level): { ns: string; local: string } {
  const [prefix, local] = name.includes(':') ? (name.split(':') as [string, string]) : ['', name];
  return { ns: prefix ? PREFIXES[prefix]! : LEVEL_NS[level], local };
}

/** Matches children against an xs:sequence: order, namespaces, min and max occurrences. */
function checkSequence(el: XmlElement, level: Level, model: Particle[], path: string, out: string[]): void {
  const matches = (q: number, child: XmlElement) => {
    const want = particleName(model[q]![0], level);
    return want.local === child.local && want.ns === child.ns;
  };
  let p = 0;
  let count = 0;
  for (const child of el.children) {
    let q = p;
    while (q < model.length && !matches(q, child)) q++;
    if (q === model.length) {
      const allowed = model.map((m) => m[0]).join(', ');
      const known = model.some((m) => particleName(m[0], level).local === child.local);
      out.push(
        known
          ? `${path}: ${display(child)} is out of order or in the wrong namespace (${child.ns}); the schema's order is ${allowed}`
          : `${path}: ${display(child)} is not allowed here; the schema allows ${allowed}`,
      );
      continue;
    }
    for (let skipped = p; skipped < q; skipped++) {
      const seen = skipped === p ? count : 0;
      if (seen < model[skipped]![1]) out.push(`${path}: ${model[skipped]![0]} missing before ${display(child)}`);
    }
    count = q === p ? count + 1 : 1;
    p = q;
    if (count > model[p]![2]) out.push(`${path}: more than ${model[p]![2]} ${model[p]![0]}`);
  }
  for (let q = p; q < model.length; q++) {
    const seen = q === p ? count : 0;
    if (seen < model[q]![1]) out.push(`${path}: ${model[q]![0]} missing`);
  }
}

/** Element order and nesting as the XSD requires, namespaces included. */
export function checkOrder(root: XmlElement): string[] {
  const out: string[] = [];
  const walk = (el: XmlElement, level: Level, path: string) => {
    const model = modelFor(el, level);
    if (!model) {
      if (el.children.length)
        out.push(`${path}: no schema model for ${display(el)} in this check: add it from MS-OWEMXML`);
      return;
    }
    checkSequence(el, level, model, path, out);
    for (const child of el.children) {
      let next: Level = level;
      if (child.local === 'VersionOverrides' && child.ns === NS.vo10) next = 'vo10';
      if (child.local === 'VersionOverrides' && child.ns === NS.vo11) next = 'vo11';
      walk(child, next, `${path}/${display(child)}`);
    }
  };
  if (root.local !== 'OfficeApp' || root.ns !== NS.app) return [`the root is ${root.local}, not OfficeApp`];
  walk(root, 'app', 'OfficeApp');
  return out;
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';

/** What kind of resource a resid attribute must name, by the element that carries it. */
function referenceKind(el: XmlElement): ResourceKind | undefined {
  if (el.ns === NS.bt && el.local === 'Image') return 'Images';
  if (el.local === 'FunctionFile' || el.local === 'SourceLocation') return 'Urls';
  if (el.local === 'Label' || el.local === 'Title') return 'ShortStrings';
  if (el.local === 'Description') return 'LongStrings';
  return undefined;
}

/** The resources of one VersionOverrides level and the resids its commands use, each level on its own. */
function levelResources(vo: XmlElement) {
  const defined = new Map<string, { kind: ResourceKind; el: XmlElement }>();
  const duplicates: string[] = [];
  const res = kid(vo, 'Resources');
  for (const list of res?.children ?? []) {
    for (const r of list.children) {
      const id = r.attrs['id'] ?? '';
      if (defined.has(id)) duplicates.push(id);
      defined.set(id, { kind: list.local as ResourceKind, el: r });
    }
  }
  const refs: Array<{ resid: string; kind: ResourceKind | undefined; where: string }> = [];
  const walk = (el: XmlElement) => {
    if (el !== vo && el.local === 'VersionOverrides') return; // the nested level has its own resources
    if (el.local === 'Resources') return;
    const resid = el.attrs['resid'];
    if (resid !== undefined) refs.push({ resid, kind: referenceKind(el), where: display(el) });
    for (const c of el.children) walk(c);
  };
  walk(vo);
  return { defined, duplicates, refs };
}

/** Every resid is defined (in the right list) and every defined resource is used, per VersionOverrides level. */
export function checkResids(root: XmlElement): string[] {
  const out: string[] = [];
  const { v10, v11 } = versionOverrides(root);
  for (const [name, vo] of [
    ['VersionOverrides 1.0', v10],
    ['VersionOverrides 1.1', v11],
  ] as const) {
    if (!vo) continue;
    const { defined, duplicates, refs } = levelResources(vo);
    for (const id of duplicates) out.push(`${name}: resource id "${id}" is defined twice`);
    for (const id of defined.keys()) {
      if (id.length === 0 || id.length > 32) out.push(`${name}: resource id "${id}" must have 1 to 32 characters`);
      if (!refs.some((r) => r.resid === id)) out.push(`${name}: resource "${id}" is defined but never used`);
    }
    for (const r of refs) {
      const d = defined.get(r.resid);
      if (!d) out.push(`${name}: ${r.where} uses resid "${r.resid}", which is not defined`);
      else if (r.kind && d.kind !== r.kind) {
        out.push(`${name}: ${r.where} uses resid "${r.resid}", a ${d.kind} entry where ${r.kind} is required`);
      }
    }
    // Control and group ids must be unique within the form factor.
    const ids = descendants(vo)
      .filter((e) => (e.local === 'Control' || e.local === 'Group') && !isInside(e, vo))
      .map((e) => e.attrs['id'] ?? '');
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
      out.push(`${name}: id "${id}" is used twice`);
  }
  return out;
}

/** True when `el` belongs to a VersionOverrides nested inside `vo` (not to `vo` itself). */
function isInside(el: XmlElement, vo: XmlElement): boolean {
  const nested = kids(vo, 'VersionOverrides');
  return nested.some((n) => n === el || descendants(n).includes(el));
}

/** Every URL the manifest names: [where, url]. */
export function manifestUrls(root: XmlElement): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const urlHolders = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']);
  for (const el of descendants(root)) {
    const isBtUrl = el.ns === NS.bt && (el.local === 'Image' || el.local === 'Url') && el.attrs['id'] !== undefined;
    const isAppUrl = el.ns === NS.app && urlHolders.has(el.local);
    if (isBtUrl || isAppUrl) {
      const v = el.attrs['DefaultValue'];
      if (v !== undefined) out.push([display(el) + (el.attrs['id'] ? `#${el.attrs['id']}` : ''), v]);
      for (const o of el.children)
        if (o.attrs['Value'] !== undefined) out.push([`${display(el)} override`, o.attrs['Value']]);
    }
    if (el.local === 'AppDomain') out.push(['AppDomain', el.text.trim()]);
  }
  return out;
}

/** Every URL is https and under the bridge's public base URL; an AppDomain is exactly its origin. */
export function checkUrls(root: XmlElement, baseUrl: string): string[] {
  const out: string[] = [];
  const origin = new URL(baseUrl).origin;
  const urls = manifestUrls(root);
  if (urls.length === 0) out.push('the manifest names no URL at all');
  for (const [where, url] of urls) {
    if (where === 'AppDomain') {
      if (url !== origin) out.push(`AppDomain ${url} is not the bridge's origin ${origin}`);
    } else if (!url.startsWith(`${baseUrl}/`) || !url.startsWith('https://')) {
      out.push(`${where}: ${url} is not under the bridge's public URL ${baseUrl}/`);
    }
  }
  return out;
}

/** Every user-visible string (display name, description, labels, tooltips) has a non-empty `locale` override. */
export function checkLocale(root: XmlElement, locale = 'fr-FR'): string[] {
  const out: string[] = [];
  const has = (el: XmlElement) =>
    el.children.some((o) => o.local === 'Override' && o.attrs['Locale'] === locale && (o.attrs['Value'] ?? '').trim());
  for (const name of ['DisplayName', 'Description']) {
    const el = kid(root, name, NS.app);
    if (!el || !has(el)) out.push(`${name} has no ${locale} override`);
  }
  const strings = descendants(root).filter((e) => e.ns === NS.bt && e.local === 'String');
  if (strings.length === 0) out.push('no bt:String at all');
  for (const s of strings) {
    if (!(s.attrs['DefaultValue'] ?? '').trim()) out.push(`string "${s.attrs['id']}" has no English DefaultValue`);
    if (!has(s)) out.push(`string "${s.attrs['id']}" has no ${locale} override`);
  }
  return out;
}

/** Outlook truncates or refuses longer texts: labels and titles 125 characters, descriptions and tooltips 250. */
export function checkLengths(root: XmlElement): string[] {
  const out: string[] = [];
  const values = (el: XmlElement) => [
    el.attrs['DefaultValue'] ?? '',
    ...el.children.map((o) => o.attrs['Value'] ?? ''),
  ];
  for (const list of descendants(root).filter((e) => e.ns === NS.bt && /^(Short|Long)Strings$/.test(e.local))) {
    const max = list.local === 'ShortStrings' ? 125 : 250;
    for (const s of list.children) {
      for (const v of values(s)) if (v.length > max) out.push(`string "${s.attrs['id']}" is longer than ${max}: ${v}`);
    }
  }
  for (const [name, max] of [
    ['DisplayName', 125],
    ['Description', 250],
  ] as const) {
    const el = kid(root, name, NS.app);
    for (const v of el ? values(el) : []) if (v.length > max) out.push(`${name} is longer than ${max}: ${v}`);
  }
  return out;
}

/** The icons the manifest declares with the pixel size each must have: [url, size]. */
export function declaredIcons(root: XmlElement): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const icon = kid(root, 'IconUrl', NS.app)?.attrs['DefaultValue'];
  const hiRes = kid(root, 'HighResolutionIconUrl', NS.app)?.attrs['DefaultValue'];
  if (icon) out.push([icon, 64]);
  if (hiRes) out.push([hiRes, 128]);
  const { v10, v11 } = versionOverrides(root);
  for (const vo of [v10, v11]) {
    if (!vo) continue;
    const { defined } = levelResources(vo);
    for (const use of descendants(vo).filter((e) => e.ns === NS.bt && e.local === 'Image' && e.attrs['resid'])) {
      const url = defined.get(use.attrs['resid']!)?.el.attrs['DefaultValue'];
      if (url) out.push([url, Number(use.attrs['size'])]);
    }
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk (undefined when the bytes are not a PNG). */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return undefined;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Every declared icon exists (through `read`, given the URL's path under the base URL) as a PNG of exactly the
 * declared size, square.
 */
export function checkIcons(root: XmlElement, baseUrl: string, read: (path: string) => Buffer | undefined): string[] {
  const out: string[] = [];
  const icons = declaredIcons(root);
  if (icons.length === 0) out.push('the manifest declares no icon');
  for (const [url, size] of icons) {
    if (!url.startsWith(`${baseUrl}/`)) continue; // checkUrls reports it
    const path = url.slice(baseUrl.length);
    const bytes = read(path);
    if (!bytes) {
      out.push(`icon ${path} (${size} px) does not exist`);
      continue;
    }
    const dim = pngSize(bytes);
    if (!dim) out.push(`icon ${path} is not a PNG`);
    else if (dim.width !== size || dim.height !== size) {
      out.push(`icon ${path} is ${dim.width}x${dim.height}, the manifest declares ${size}x${size}`);
    }
  }
  return out;
}
