/**
 * `npm start`: the bridge on https://localhost:3000 with a self-signed certificate when none is configured and, when
 * no DAV server is configured, a local demo Radicale seeded with the team scenario. Prints where everything is.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config.js';
import { DEMO_USERS, startDemoRadicale } from './demo/radicale.js';
import { seedDemo } from './demo/seed.js';
import { addinRoot, runBridge, shutdownGraceMs } from './serve.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The guest of the scenario gets a link through the bridge's own API, exactly as the pane would create it. */
async function demoGuestLink(app: FastifyInstance): Promise<{ url: string; password: string } | undefined> {
  const gilles = DEMO_USERS[0]!;
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username: gilles.username, password: gilles.password },
  });
  if (signIn.statusCode !== 200) return undefined;
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = signIn.json().csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrf };
  const password = 'francois-invite';
  const existing = (await app.inject({ method: 'GET', url: '/api/v1/guest-links', headers })).json()
    .guestLinks as Array<{ url: string; collectionName: string }>;
  let link = existing.find((l) => l.collectionName === 'Équipe technique');
  if (!link) {
    const cols = (await app.inject({ method: 'GET', url: '/api/v1/collections', headers })).json()
      .collections as Array<{ url: string; name: string }>;
    const team = cols.find((c) => c.name === 'Équipe technique');
    if (!team) return undefined;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/guest-links',
      headers,
      payload: {
        collectionUrl: team.url,
        password,
        expiresAt: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString(),
      },
    });
    link = created.json().guestLink;
  }
  await app.inject({ method: 'DELETE', url: '/api/v1/session', headers });
  return link && { url: link.url, password };
}

async function main(): Promise<void> {
  const config = loadConfig(addinRoot);
  let demo = false;
  let stopDemo = (): void => undefined;
  if (config.davServers.length === 0) {
    demo = true;
    const port = Number(process.env['DAV_BRIDGE_DEMO_PORT'] || 5232);
    const server = await startDemoRadicale(config.dataDir, port, log);
    stopDemo = server.stop;
    const url = server.url;
    await seedDemo(url, config.dataDir, log);
    config.davServers = [{ id: 'demo', label: 'Démo / Demo (Radicale)', url }];
  }
  const bridge = await runBridge(config, process.env['DAV_BRIDGE_LOG_LEVEL'] ?? 'warn');
  const base = config.publicBaseUrl;
  const lines = [
    '',
    `DAV Bridge is running / DAV Bridge est démarré : ${base}  (listening on ${config.host}:${bridge.port})`,
    '',
    `  Task pane / Volet Office :      ${base}/taskpane.html`,
    `  Add-in manifest / Manifeste :   ${base}/manifest.xml`,
    `  API (OpenAPI) :                 ${base}/api/v1/openapi.json`,
    '',
    'Sideload in Outlook / Installer dans Outlook :',
    `  1. Trust the certificate / Faites confiance au certificat : ${bridge.tls.generated || !config.tls ? bridge.tls.certFile : '(configured)'}`,
    `     (open ${base}/taskpane.html once and accept it, or add it to your system's trusted roots)`,
    `  2. Outlook on the web / new Outlook: https://aka.ms/olksideload -> My add-ins -> Add a custom add-in -> Add from file -> manifest.xml`,
    `     (download it from ${base}/manifest.xml; classic Outlook: File -> Manage Add-ins, same steps)`,
  ];
  if (demo) {
    lines.push(
      '',
      `Demo DAV server / Serveur DAV de démonstration : ${config.davServers[0]!.url} (Radicale, data in ${config.dataDir}/demo-radicale)`,
    );
    lines.push('  Demo logins / Identifiants de démonstration :');
    for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(10)} ${u.password.padEnd(16)} ${u.displayName}`);
    const guest = await demoGuestLink(bridge.app);
    if (guest) {
      lines.push(
        `  Guest link for François / Lien invité pour François : ${guest.url}  (password / mot de passe : ${guest.password})`,
      );
      lines.push(`    feed / flux : ${guest.url}.ics`);
    }
  }
  lines.push('', 'Stop with Ctrl+C / Arrêt : Ctrl+C', '');
  log(lines.join('\n'));
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(
      sig,
      () =>
        void bridge.shutdown(shutdownGraceMs()).then(() => {
          stopDemo();
          process.exit(0);
        }),
    );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
