import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '@app/config';

/**
 * What `npm start` wrote about itself, so that the tools can tell a user who runs them with other
 * settings which settings the running app has. Kept in `.data/running-app.json` of the working
 * directory (the tools are run from the same checkout), and only for the embedded default.
 */
export interface RunningApp {
  pid: number;
  embeddedPgDir: string;
  embeddedPgPort: number;
  apiPort: number;
}

export const RUNNING_APP_FILE = join('.data', 'running-app.json');

export function recordRunningApp(config: AppConfig): void {
  if (!config.embedded) return;
  const record: RunningApp = {
    pid: process.pid,
    embeddedPgDir: resolve(config.EMBEDDED_PG_DIR),
    embeddedPgPort: config.EMBEDDED_PG_PORT,
    apiPort: config.API_PORT,
  };
  try {
    mkdirSync(dirname(RUNNING_APP_FILE), { recursive: true });
    writeFileSync(RUNNING_APP_FILE, `${JSON.stringify(record)}\n`);
    process.once('exit', () => {
      if (readRunningApp()?.pid === process.pid) rmSync(RUNNING_APP_FILE, { force: true });
    });
  } catch {
    // only a hint for the tools: never a reason not to start
  }
}

/** The app recorded by recordRunningApp when its process is still alive, else null. */
export function readRunningApp(): RunningApp | null {
  if (!existsSync(RUNNING_APP_FILE)) return null;
  try {
    const record = JSON.parse(readFileSync(RUNNING_APP_FILE, 'utf8')) as RunningApp;
    process.kill(record.pid, 0);
    return record;
  } catch {
    return null;
  }
}

/** The settings the running app has and these do not, as `NAME=value` to put before the command. */
export function settingsOfRunningApp(config: AppConfig): string | null {
  const app = readRunningApp();
  if (!app) return null;
  // DATABASE_URL= (empty) counts as unset: the app runs on its embedded PostgreSQL.
  const differ: string[] = config.embedded ? [] : ['DATABASE_URL='];
  if (app.embeddedPgDir !== resolve(config.EMBEDDED_PG_DIR)) differ.push(`EMBEDDED_PG_DIR=${app.embeddedPgDir}`);
  if (app.embeddedPgPort !== config.EMBEDDED_PG_PORT) differ.push(`EMBEDDED_PG_PORT=${app.embeddedPgPort}`);
  return differ.length ? differ.join(' ') : null;
}

/** The tools stop with this: a message in Chinese that says what to do, and exit code 2. */
export class ToolRefusal extends Error {}

/** Why an embedded data directory cannot be the running app's: it holds no cluster. */
export function embeddedClusterMissing(config: AppConfig): string | null {
  const dir = resolve(config.EMBEDDED_PG_DIR);
  if (existsSync(join(dir, 'PG_VERSION'))) return null;
  return dir;
}

export function refusalHint(config: AppConfig, command: string): string {
  const settings = settingsOfRunningApp(config);
  if (settings) return `正在运行的应用（进程 ${readRunningApp()?.pid}）使用 ${settings}，请以相同设置运行：\n  ${settings} ${command}`;
  return `请以与 npm start 相同的环境变量（EMBEDDED_PG_DIR、EMBEDDED_PG_PORT，或 DATABASE_URL 与 JWT_SECRET）运行：\n  ${command}`;
}
