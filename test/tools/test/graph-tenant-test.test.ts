// The real-tenant Graph test cannot run here (no Microsoft service is reachable): what can be checked is checked.
// Its files (the test, the shared scenario it and graph-sync.test.ts run, the tenant settings, the device-code
// script) type-check, since Jest only transpiles; and the settings tell the skip path which variables are missing.
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { TENANT_VARIABLES, tenantSettings } from '../../support/graph-tenant.js';

const configPath = resolve(__dirname, '..', '..', 'tsconfig.graph-tenant.json');

describe('the real-tenant Graph test (test/integration/graph-tenant.test.ts)', () => {
  it('type-checks with the shared scenario, the tenant settings and the device-code script', () => {
    const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
    expect(parsed.fileNames.map((f) => f.replace(/^.*\/test\//, ''))).toEqual(
      expect.arrayContaining(['integration/graph-tenant.test.ts', 'integration/graph-sync-scenario.ts']),
    );
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });

  it('is skipped, naming the missing variables, unless the tenant, client id and refresh token are all set', () => {
    expect(tenantSettings({})).toEqual({
      missing: [TENANT_VARIABLES.tenant, TENANT_VARIABLES.clientId, TENANT_VARIABLES.refreshToken],
    });
    expect(
      tenantSettings({ [TENANT_VARIABLES.tenant]: 'contoso.onmicrosoft.com', [TENANT_VARIABLES.refreshToken]: 'r' }),
    ).toEqual({ missing: [TENANT_VARIABLES.clientId] });
    const all = {
      [TENANT_VARIABLES.tenant]: 'contoso.onmicrosoft.com',
      [TENANT_VARIABLES.clientId]: '00000000-0000-0000-0000-000000000001',
      [TENANT_VARIABLES.refreshToken]: 'r',
    };
    expect(tenantSettings(all)).toEqual({
      settings: {
        tenant: 'contoso.onmicrosoft.com',
        clientId: '00000000-0000-0000-0000-000000000001',
        refreshToken: 'r',
      },
    });
    expect(tenantSettings({ ...all, [TENANT_VARIABLES.clientSecret]: 's' })).toMatchObject({
      settings: { clientSecret: 's' },
    });
  });
});
