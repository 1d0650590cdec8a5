/**
 * Where the benchmark runs: inside a private network namespace with only loopback up when the machine allows it
 * (DynamoDB Local listens on every interface), and with a list of things to undo however the run ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

const MARK = 'DANBAN_BENCH_NETNS';

/**
 * Re-runs this very process (same node flags, script and arguments) under `unshare -rn` with loopback up, and
 * resolves with the child's exit code; resolves undefined when already inside, disabled, or not possible.
 */
export async function reexecInPrivateNetwork(script: string): Promise<number | undefined> {
  if (process.env[MARK] === '1' || process.env.BENCH_NO_NETNS === '1') return undefined;
  const probe = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    console.warn('bench: no private network namespace here (unshare -rn failed); DynamoDB Local will listen on all interfaces');
    return undefined;
  }
  const inner = [process.execPath, ...process.execArgv, script, ...process.argv.slice(2)];
  const child = spawn(
    'unshare',
    ['-rn', 'env', `${MARK}=1`, 'sh', '-c', 'PATH="$PATH:/usr/sbin:/sbin"; ip link set lo up 2>/dev/null || true; exec "$@"', 'sh', ...inner],
    { stdio: 'inherit' },
  );
  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((done) => {
    child.once('error', (err) => {
      console.error(`bench: could not start unshare: ${err.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      done(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1));
    });
  });
}

export const inPrivateNetwork = (): boolean => process.env[MARK] === '1';

/** Resolves once a TCP connection to 127.0.0.1 works (loopback up), or rejects with a clear reason. */
export async function checkLoopback(): Promise<void> {
  const server = createServer((s) => s.end());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await new Promise<void>((ok, fail) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        ok();
      });
      socket.once('error', (err) => fail(new Error(`loopback is not usable (${err.message}); is the lo interface up?`)));
    });
  } finally {
    server.close();
  }
}

/** Undo actions, run last-in first-out, each at most once, even when the run fails or is interrupted. */
export class Cleanup {
  #actions: Array<{ name: string; run: () => unknown }> = [];
  #dirs = new Set<string>();
  #running: Promise<void> | undefined;

  constructor() {
    // Last resort on any exit: temp folders go (synchronously; child processes are killed by their owners).
    process.on('exit', () => {
      for (const dir of this.#dirs) rmSync(dir, { recursive: true, force: true });
    });
  }

  add(name: string, run: () => unknown): void {
    this.#actions.push({ name, run });
  }

  /** A fresh temp folder, removed at the end. */
  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `danban-bench-${prefix}-`));
    this.#dirs.add(dir);
    return dir;
  }

  removeDir(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
    this.#dirs.delete(dir);
  }

  run(): Promise<void> {
    this.#running ??= (async () => {
      while (this.#actions.length > 0) {
        const { name, run } = this.#actions.pop()!;
        try {
          await run();
        } catch (err) {
          console.error(`bench: cleanup "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      for (const dir of [...this.#dirs]) this.removeDir(dir);
    })();
    return this.#running;
  }
}
