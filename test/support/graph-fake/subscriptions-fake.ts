/**
 * Graph fake, change notifications part: `/subscriptions` (POST, GET, PATCH, DELETE) as Graph v1.0 documents them
 * (subscription resource type; "Receive change notifications through webhooks"), and the notifications a
 * subscription then gets.
 *
 * - Create: strict body (unknown properties refused); `notificationUrl` must be https; `resource` must be an
 *   Outlook container of the mailbox the bridge uses (`me/calendars/{id}/events`, `me/contactFolders/{id}/contacts`,
 *   `me/todo/lists/{id}/tasks`); `changeType` a list of created/updated/deleted; `clientState` at most 128
 *   characters; `expirationDateTime` in the future and no later than the resource's maximum (events and contacts
 *   10,080 minutes, To Do tasks 4,230). Then the validation: a POST to `notificationUrl?validationToken=...`
 *   that must answer 200, text/plain, the token exactly, within 10 seconds; else 400 as Graph answers.
 * - Notifications: each change the user makes in a watched container (the fake's user* helpers) is POSTed to the
 *   URL as Graph's changeNotificationCollection (subscriptionId, clientState, changeType, resource, resourceData
 *   with the id, subscriptionExpirationDateTime, tenantId); the answer must come within 3 seconds. Deliveries are
 *   recorded (`deliveries`), `idle()` waits for those under way.
 * - The fake's clock (`now`) can be moved, so tests see a subscription expire: an expired one gets no notification
 *   and is 404 to PATCH and DELETE.
 *
 * Approximations: Graph also notifies the app's own changes (the fake notifies the user's only), retries a failed
 * delivery for up to 4 hours (the fake does not), and sends lifecycle notifications (not implemented: the bridge
 * subscribes without a lifecycleNotificationUrl). Error codes of a refused create are the ones Graph is seen to
 * answer (`InvalidRequest`, `ExtensionError`), not documented.
 */
import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { GraphError, objectBody, ok, unknownProperty, type Req, type Res } from './graph-fake.js';

type Json = Record<string, unknown>;

export type WatchedKind = 'calendar' | 'contact-folder' | 'todo-list';

/** The resource paths the fake accepts, and their maximum lifetime in minutes. */
const RESOURCES: { kind: WatchedKind; pattern: RegExp; maxMinutes: number; itemPath: string }[] = [
  { kind: 'calendar', pattern: /^\/?me\/calendars\/([^/]+)\/events$/, maxMinutes: 10_080, itemPath: 'Events' },
  {
    kind: 'contact-folder',
    pattern: /^\/?me\/contactFolders\/([^/]+)\/contacts$/,
    maxMinutes: 10_080,
    itemPath: 'Contacts',
  },
  { kind: 'todo-list', pattern: /^\/?me\/todo\/lists\/([^/]+)\/tasks$/, maxMinutes: 4_230, itemPath: 'Tasks' },
];
const WRITABLE = new Set([
  'changeType',
  'notificationUrl',
  'resource',
  'expirationDateTime',
  'clientState',
  'latestSupportedTlsVersion',
  'lifecycleNotificationUrl',
  'includeResourceData',
]);
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const VALIDATION_TIMEOUT_MS = 10_000;
const DELIVERY_TIMEOUT_MS = 3_000;
export const FAKE_TENANT_ID = 'b5e2d9a1-0c5f-4e38-9f52-2f1d3c0a7e11';

export interface FakeSubscription {
  id: string;
  mailbox: object;
  kind: WatchedKind;
  containerId: string;
  resource: string;
  changeTypes: Set<string>;
  notificationUrl: string;
  clientState: string | undefined;
  expiresAt: number;
}

export interface Delivery {
  subscriptionId: string;
  changeType: string;
  itemId: string;
  /** The endpoint's status, or 'failed' (no answer within 3 s, connection refused...). */
  status: number | 'failed';
}

interface PostResult {
  status: number;
  contentType: string;
  body: string;
}

export class SubscriptionsFake {
  /** The fake's clock for expirations (tests move it). */
  now: () => number = Date.now;
  readonly deliveries: Delivery[] = [];
  /** Validation requests sent, with the endpoint's answer. */
  readonly validations: { url: string; ok: boolean }[] = [];
  private readonly subs = new Map<string, FakeSubscription>();
  private readonly underWay = new Set<Promise<void>>();
  private ca: string | undefined;

  constructor(private readonly containerExists: (mailbox: object, kind: WatchedKind, id: string) => boolean) {}

  /** The certificate the notification endpoint presents (the bridge's self-signed one in tests). */
  trust(ca: string): void {
    this.ca = ca;
  }

  /** Live (unexpired) subscriptions, for assertions. */
  active(): FakeSubscription[] {
    return [...this.subs.values()].filter((s) => s.expiresAt > this.now());
  }

  /** Waits for the notifications under way. */
  async idle(): Promise<void> {
    while (this.underWay.size > 0) await Promise.allSettled([...this.underWay]);
  }

  /** Answers a /subscriptions request, or undefined when the path is not one. */
  async route(mailbox: object, path: string, req: Req): Promise<Res | undefined> {
    if (path === '/subscriptions') {
      if (req.method === 'POST') return this.create(mailbox, req.body);
      if (req.method === 'GET')
        return ok({ value: [...this.subs.values()].filter((s) => s.mailbox === mailbox).map((s) => this.render(s)) });
    }
    const m = path.match(/^\/subscriptions\/([^/]+)$/);
    if (!m) return undefined;
    const sub = this.subs.get(decodeURIComponent(m[1]!));
    if (!sub || sub.mailbox !== mailbox || sub.expiresAt <= this.now())
      throw new GraphError(404, 'ResourceNotFound', 'The object was not found.');
    if (req.method === 'GET') return ok(this.render(sub));
    if (req.method === 'DELETE') {
      this.subs.delete(sub.id);
      return { status: 204, headers: {} };
    }
    if (req.method === 'PATCH') {
      const b = objectBody(req.body, 'subscription');
      for (const k of Object.keys(b))
        if (k !== 'expirationDateTime' && k !== 'notificationUrl') throw unknownProperty(k, 'subscription');
      if (b['expirationDateTime'] !== undefined) sub.expiresAt = this.expiry(b['expirationDateTime'], sub.kind);
      return ok(this.render(sub));
    }
    throw new GraphError(405, 'MethodNotAllowed', 'The method is not allowed on a subscription.');
  }

  /** A change the user made in a container: every live subscription on it is notified. */
  changed(mailbox: object, kind: WatchedKind, containerId: string, itemId: string, changeType: string): void {
    for (const sub of this.active()) {
      if (sub.mailbox !== mailbox || sub.kind !== kind || sub.containerId !== containerId) continue;
      if (!sub.changeTypes.has(changeType)) continue;
      const itemPath = RESOURCES.find((r) => r.kind === kind)!.itemPath;
      const resource = `Users/${FAKE_TENANT_ID}/${itemPath}/${itemId}`;
      const body = {
        value: [
          {
            subscriptionId: sub.id,
            subscriptionExpirationDateTime: new Date(sub.expiresAt).toISOString(),
            changeType,
            resource,
            resourceData: {
              '@odata.type': `#Microsoft.Graph.${itemPath.slice(0, -1)}`,
              '@odata.id': resource,
              id: itemId,
            },
            clientState: sub.clientState ?? null,
            tenantId: FAKE_TENANT_ID,
          },
        ],
      };
      const delivery = this.post(sub.notificationUrl, 'application/json', JSON.stringify(body), DELIVERY_TIMEOUT_MS)
        .then(
          (r) => r.status,
          () => 'failed' as const,
        )
        .then((status) => void this.deliveries.push({ subscriptionId: sub.id, changeType, itemId, status }));
      this.underWay.add(delivery);
      void delivery.finally(() => this.underWay.delete(delivery));
    }
  }

  /** Sends a notification as Graph would, to any URL (tests forge ones with a wrong clientState). */
  async send(url: string, body: unknown): Promise<number | 'failed'> {
    return this.post(url, 'application/json', JSON.stringify(body), DELIVERY_TIMEOUT_MS).then(
      (r) => r.status,
      () => 'failed' as const,
    );
  }

  // ------------------------------------------------------------------------------------------------------------

  private async create(mailbox: object, body: unknown): Promise<Res> {
    const b = objectBody(body, 'subscription');
    for (const k of Object.keys(b)) if (!WRITABLE.has(k)) throw unknownProperty(k, 'subscription');
    const url = b['notificationUrl'];
    if (typeof url !== 'string' || !URL.canParse(url) || new URL(url).protocol !== 'https:')
      throw new GraphError(400, 'InvalidRequest', 'The notification URL must use the HTTPS protocol.');
    const resource = String(b['resource'] ?? '');
    const known = RESOURCES.map((r) => ({ r, m: resource.match(r.pattern) })).find((x) => x.m);
    if (!known) throw new GraphError(400, 'InvalidRequest', `Invalid resource '${resource}'.`);
    const containerId = decodeURIComponent(known.m![1]!);
    if (!this.containerExists(mailbox, known.r.kind, containerId))
      throw new GraphError(404, 'ResourceNotFound', 'The specified object was not found in the store.');
    const changeTypes = String(b['changeType'] ?? '').split(',');
    if (changeTypes.some((c) => !CHANGE_TYPES.has(c)))
      throw new GraphError(400, 'InvalidRequest', `Invalid changeType '${String(b['changeType'])}'.`);
    const clientState = b['clientState'];
    if (clientState !== undefined && (typeof clientState !== 'string' || clientState.length > 128))
      throw new GraphError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
    if (b['includeResourceData'] === true)
      throw new GraphError(400, 'InvalidRequest', 'includeResourceData needs an encryptionCertificate.');
    const expiresAt = this.expiry(b['expirationDateTime'], known.r.kind);

    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    let answer: PostResult | undefined;
    try {
      answer = await this.post(target.toString(), 'text/plain; charset=utf-8', '', VALIDATION_TIMEOUT_MS);
    } catch {
      answer = undefined;
    }
    const valid =
      answer !== undefined &&
      answer.status === 200 &&
      /^text\/plain\b/i.test(answer.contentType) &&
      answer.body === token;
    this.validations.push({ url, ok: valid });
    if (!valid)
      throw new GraphError(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );

    const sub: FakeSubscription = {
      id: randomUUID(),
      mailbox,
      kind: known.r.kind,
      containerId,
      resource,
      changeTypes: new Set(changeTypes),
      notificationUrl: url,
      clientState: clientState as string | undefined,
      expiresAt,
    };
    this.subs.set(sub.id, sub);
    return { status: 201, headers: {}, body: this.render(sub) };
  }

  private expiry(value: unknown, kind: WatchedKind): number {
    const t = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(t))
      throw new GraphError(400, 'InvalidRequest', 'expirationDateTime is required and must be a date-time.');
    if (t <= this.now()) throw new GraphError(400, 'InvalidRequest', 'expirationDateTime must be in the future.');
    const max = RESOURCES.find((r) => r.kind === kind)!.maxMinutes;
    if (t > this.now() + max * 60_000)
      throw new GraphError(400, 'ExtensionError', `Subscription expiration can only be ${max} minutes in the future.`);
    return t;
  }

  private render(s: FakeSubscription): Json {
    return {
      id: s.id,
      resource: s.resource,
      changeType: [...s.changeTypes].join(','),
      notificationUrl: s.notificationUrl,
      expirationDateTime: new Date(s.expiresAt).toISOString(),
      clientState: s.clientState ?? null,
      applicationId: 'bridge-client-id',
      latestSupportedTlsVersion: 'v1_2',
    };
  }

  private post(url: string, contentType: string, body: string, timeoutMs: number): Promise<PostResult> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
          ...(this.ca ? { ca: this.ca } : {}),
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
