import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');

export interface Child {
  proc: ChildProcess;
  /** Last JSON status line the child printed. */
  status: Record<string, unknown>;
  output: string[];
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Runs test/kafka/<script>.ts in its own Node process (so it can be SIGKILLed), TypeScript via register.js. */
export function spawnChild(script: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['-r', resolve(__dirname, 'register.js'), resolve(__dirname, script)], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = {
    proc,
    status: {},
    output: [],
    exited: new Promise((r) => proc.on('exit', (code) => r(code))),
    async kill(signal) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await child.exited;
    },
  };
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      try {
        child.status = JSON.parse(line) as Record<string, unknown>;
      } catch {
        child.output.push(line);
      }
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  return child;
}
