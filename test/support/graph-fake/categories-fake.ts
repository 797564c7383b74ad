/**
 * Graph fake, Outlook master categories part: `/me/outlook/masterCategories` of Graph v1.0 (`outlookCategory`:
 * id, displayName, color), written from Microsoft's documented contract and strict like the rest of the fake:
 * unknown properties are rejected (`RequestBodyRead`), so is a color outside the `categoryColor` enum (none,
 * preset0..preset24); `displayName` is required, unique in the mailbox and cannot be changed after creation.
 *
 * Endpoints: /me/outlook/masterCategories (GET, POST), /me/outlook/masterCategories/{id} (GET, PATCH of the color,
 * DELETE).
 *
 * Approximations (Microsoft's docs do not say): a duplicate name is compared without case (as Outlook's clients
 * and Office.js's DuplicateCategory do) and answered 409 `ErrorDuplicateCategory`; the error code of a PATCH of
 * the name. Scopes are not checked (the fake's tokens carry none): MailboxSettings.ReadWrite is asked by the
 * bridge's GRAPH_SCOPES.
 */
import { randomBytes } from 'node:crypto';
import { GraphError, objectBody, ok, unknownProperty, type Req, type Res } from './graph-fake.js';

type Json = Record<string, unknown>;

/** Graph's categoryColor enum: `none` and the 25 presets Office.js names Preset0..Preset24. */
export const CATEGORY_COLORS: ReadonlySet<string> = new Set([
  'none',
  ...Array.from({ length: 25 }, (_, i) => `preset${i}`),
]);

export interface OutlookCategory {
  id: string;
  displayName: string;
  color: string;
}

export class CategoriesFake {
  private readonly boxes = new WeakMap<object, Map<string, OutlookCategory>>();

  /** The mailbox's master categories, in creation order (for assertions). */
  categoriesOf(mailbox: object): OutlookCategory[] {
    return [...this.box(mailbox).values()].map((c) => ({ ...c }));
  }

  /** A category the user made in Outlook (bypasses the HTTP layer). */
  userAdd(mailbox: object, displayName: string, color: string): OutlookCategory {
    return this.create(this.box(mailbox), { displayName, color });
  }

  /** Answers a master categories request, or undefined when the path is not theirs. */
  route(mailbox: object, path: string, req: Req): Res | undefined {
    if (!path.startsWith('/me/outlook/masterCategories')) return undefined;
    const box = this.box(mailbox);
    if (path === '/me/outlook/masterCategories') {
      if (req.method === 'GET') return ok({ value: [...box.values()].map(render) });
      if (req.method === 'POST') {
        const created = this.create(box, objectBody(req.body, 'outlookCategory'));
        return { status: 201, headers: {}, body: render(created) };
      }
    }
    const m = path.match(/^\/me\/outlook\/masterCategories\/([^/]+)$/);
    if (m) {
      const cat = box.get(decodeURIComponent(m[1]!));
      if (!cat) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') return ok(render(cat));
      if (req.method === 'PATCH') {
        const b = objectBody(req.body, 'outlookCategory');
        for (const k of Object.keys(b)) {
          if (k === 'displayName') {
            throw new GraphError(400, 'ErrorInvalidRequest', 'The displayName of a category cannot be changed.');
          }
          if (k !== 'color') throw unknownProperty(k, 'outlookCategory');
        }
        if (b['color'] !== undefined) cat.color = colorOf(b['color']);
        return ok(render(cat));
      }
      if (req.method === 'DELETE') {
        box.delete(cat.id);
        return { status: 204, headers: {} };
      }
    }
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
  }

  private create(box: Map<string, OutlookCategory>, b: Json): OutlookCategory {
    for (const k of Object.keys(b))
      if (k !== 'displayName' && k !== 'color') throw unknownProperty(k, 'outlookCategory');
    const name = b['displayName'];
    if (typeof name !== 'string' || name.trim() === '') {
      throw new GraphError(400, 'ErrorInvalidParameter', 'A category needs a displayName.');
    }
    const lower = name.toLocaleLowerCase();
    if ([...box.values()].some((c) => c.displayName.toLocaleLowerCase() === lower)) {
      throw new GraphError(409, 'ErrorDuplicateCategory', `A category named '${name}' already exists.`);
    }
    const cat = { id: randomBytes(12).toString('hex'), displayName: name, color: colorOf(b['color'] ?? 'none') };
    box.set(cat.id, cat);
    return cat;
  }

  private box(mailbox: object): Map<string, OutlookCategory> {
    let box = this.boxes.get(mailbox);
    if (!box) this.boxes.set(mailbox, (box = new Map()));
    return box;
  }
}

function colorOf(v: unknown): string {
  if (typeof v !== 'string' || !CATEGORY_COLORS.has(v)) {
    throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(v)}' was not found.`);
  }
  return v;
}

function render(c: OutlookCategory): Json {
  return { id: c.id, displayName: c.displayName, color: c.color };
}
