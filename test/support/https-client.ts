/**
 * A small HTTPS client for the tests: trusts only the bridge's own self-signed certificate (no global TLS override),
 * and keeps cookies like a browser would for one site (by name; enough for the bridge's cookies).
 */
import { request } from 'node:https';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  json<T = any>(): T;
}

export class HttpsClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly ca: string,
  ) {}

  async send(
    method: string,
    path: string,
    options: { json?: unknown; form?: Record<string, string>; body?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.body !== undefined) {
      body = options.body; // as given, with the caller's content-type
    }
    if (this.cookies.size && !headers['cookie'])
      headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && !('x-csrf-token' in headers) && !['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = this.csrfToken;
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, ca: this.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
            const [pair, ...attrs] = c.split(';');
            const eq = pair!.indexOf('=');
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            const expired = attrs.some(
              (a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
            );
            if (expired || value === '') this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  get(path: string, headers?: Record<string, string>) {
    return this.send('GET', path, headers ? { headers } : {});
  }

  async signIn(username: string, password: string, server?: string): Promise<TestResponse> {
    const res = await this.send('POST', '/api/v1/session', {
      json: { username, password, ...(server ? { server } : {}) },
    });
    if (res.status === 200) this.csrfToken = res.json().csrfToken;
    return res;
  }
}
