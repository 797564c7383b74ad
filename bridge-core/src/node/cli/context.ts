/** What every CLI command gets: output streams, the user's language, and a way to open a configured account. */
import { connectAccount, type DavAccount } from '../../dav/account.js';
import { accountTarget, configPath, loadConfig, type BridgeConfig } from '../config.js';
import { nodeDnsResolver } from '../dns-resolver.js';
import { userLang, type Lang } from '../localized-error.js';

export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  lang: Lang;
  configFile: (flag: string | undefined) => string;
  config: (flag: string | undefined) => Promise<BridgeConfig>;
  openAccount: (name: string, configFlag: string | undefined) => Promise<DavAccount>;
}

export function createContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const lang = userLang(env);
  const configs = new Map<string, Promise<BridgeConfig>>();
  const config = (flag: string | undefined) => {
    const path = configPath(flag, env);
    let loaded = configs.get(path);
    if (!loaded) {
      loaded = loadConfig(path);
      configs.set(path, loaded);
    }
    return loaded;
  };
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env,
    lang,
    configFile: (flag) => configPath(flag, env),
    config,
    openAccount: async (name, flag) => {
      const target = await accountTarget(await config(flag), name, configPath(flag, env), env);
      const timeout = Number(env['DAV_BRIDGE_TIMEOUT_MS']);
      return connectAccount(target, {
        resolver: nodeDnsResolver,
        ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
      });
    },
  };
}
