/**
 * The staff pages' signing script run as a browser would run it, but without a browser: its pure parts, its key store
 * on an in-memory IndexedDB (FakeIndexedDB) that several script instances (tabs of one origin) can share, and a page
 * part started on a fake document (FakeElement) to see what it shows.
 */
import { webcrypto } from 'node:crypto';
import { runInNewContext } from 'node:vm';

/**
 * Evaluates a served script text and returns its globals (`DanbanSigning`, `DanbanCountersign`, `DanbanMinutesSign`).
 * `globals` adds to or replaces what the script sees (`indexedDB`, `crypto`, `window`, `document`, `fetch`).
 */
export function runScript(text: string, globals: Record<string, unknown> = {}): Record<string, any> {
  const context: Record<string, unknown> = {
    crypto: webcrypto,
    TextEncoder,
    TextDecoder,
    btoa,
    atob,
    Uint8Array,
    Promise,
    JSON,
    String,
    Object,
    Array,
    Error,
    ...globals,
  };
  runInNewContext(text, context);
  return context;
}

/** A P-256 key pair as the scripts make it: the private key not extractable. */
export async function browserKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
}

type GenerateKey = (algorithm: EcKeyGenParams, extractable: boolean, keyUsages: KeyUsage[]) => Promise<CryptoKeyPair>;

/**
 * Node's WebCrypto for a script, with `generateKey` going through `generate` (given the real one), so that a test can
 * hold it or make it fail.
 */
export function cryptoWith(generate: (real: GenerateKey, ...args: Parameters<GenerateKey>) => Promise<CryptoKeyPair>): Crypto {
  const subtle = webcrypto.subtle;
  const real: GenerateKey = (algorithm, extractable, keyUsages) => subtle.generateKey(algorithm, extractable, keyUsages) as Promise<CryptoKeyPair>;
  const wrapped = new Proxy(subtle, {
    get(target, key) {
      if (key === 'generateKey') return (...args: Parameters<GenerateKey>) => generate(real, ...args);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { subtle: wrapped, getRandomValues: webcrypto.getRandomValues.bind(webcrypto), randomUUID: webcrypto.randomUUID.bind(webcrypto) } as unknown as Crypto;
}

// ---------------------------------------------------------------------------------------------------------------
// An in-memory IndexedDB, as far as the signing scripts use it.

type Key = string;
type Handler = ((event: FakeEvent) => void) | null;

interface FakeEvent {
  readonly type: string;
  readonly target: unknown;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function fakeEvent(type: string, target: unknown): FakeEvent {
  return {
    type,
    target,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Runs fn as a task of its own (after the current task and its microtasks), as IndexedDB fires its events. */
function task(fn: () => void): void {
  setImmediate(fn);
}

class FakeRequest {
  result: unknown = undefined;
  error: DOMException | null = null;
  readyState: 'pending' | 'done' = 'pending';
  onsuccess: Handler = null;
  onerror: Handler = null;
  onupgradeneeded: Handler = null;
  constructor(readonly transaction: FakeTransaction | null = null) {}
}

interface Database {
  version: number;
  stores: Map<string, Map<Key, unknown>>;
  /** Transactions waiting to run, in the order they were made; the first one runs. */
  queue: FakeTransaction[];
}

type Operation = { kind: 'get'; key: Key } | { kind: 'add' | 'put'; key: Key; value: unknown } | { kind: 'delete'; key: Key };

class FakeObjectStore {
  constructor(
    private readonly tx: FakeTransaction,
    private readonly name: string,
  ) {}
  get(key: Key): FakeRequest {
    return this.tx.place(this.name, { kind: 'get', key });
  }
  add(value: unknown, key: Key): FakeRequest {
    return this.tx.place(this.name, { kind: 'add', key, value: this.tx.clone(value) });
  }
  put(value: unknown, key: Key): FakeRequest {
    return this.tx.place(this.name, { kind: 'put', key, value: this.tx.clone(value) });
  }
  delete(key: Key): FakeRequest {
    return this.tx.place(this.name, { kind: 'delete', key });
  }
}

/**
 * A transaction: active in the task that made it and in its requests' handlers (requests placed at other times throw
 * TransactionInactiveError); it runs once every transaction made before it on its database has finished (one at a
 * time, a stricter order than the specification asks), commits once its requests are done and it is inactive, and
 * aborts on a request's error that no handler prevented, undoing its writes.
 */
class FakeTransaction {
  error: DOMException | null = null;
  oncomplete: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  private active = true;
  private state: 'waiting' | 'running' | 'finished' = 'waiting';
  private readonly requests: { store: string; op: Operation; request: FakeRequest }[] = [];
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly scope: readonly string[],
    readonly mode: 'readonly' | 'readwrite' | 'versionchange',
    private readonly onFinish: () => void,
  ) {
    task(() => {
      this.active = false;
    });
  }

  objectStore(name: string): FakeObjectStore {
    if (!this.scope.includes(name)) throw new DOMException(`no store ${name} in this transaction`, 'NotFoundError');
    return new FakeObjectStore(this, name);
  }

  clone(value: unknown): unknown {
    return structuredClone(value);
  }

  place(store: string, op: Operation): FakeRequest {
    if (!this.active || this.state === 'finished') throw new DOMException('the transaction is not active', 'TransactionInactiveError');
    if (op.kind !== 'get' && this.mode === 'readonly') throw new DOMException('a read-only transaction', 'ReadOnlyError');
    const request = new FakeRequest(this);
    this.requests.push({ store, op, request });
    return request;
  }

  /** Starts it (called by the database when its turn comes). */
  start(): void {
    this.state = 'running';
    task(() => this.step());
  }

  private step(): void {
    if (this.state !== 'running') return;
    const next = this.requests.shift();
    if (!next) {
      if (this.active) task(() => this.step());
      else this.finish('complete');
      return;
    }
    const { request } = next;
    const failure = this.perform(next.store, next.op, request);
    request.readyState = 'done';
    this.active = true;
    if (!failure) {
      request.onsuccess?.(fakeEvent('success', request));
      this.active = false;
      task(() => this.step());
      return;
    }
    request.error = failure;
    const event = fakeEvent('error', request);
    request.onerror?.(event);
    this.onerror?.(event);
    this.active = false;
    if (event.defaultPrevented) task(() => this.step());
    else this.abort(failure);
  }

  private perform(storeName: string, op: Operation, request: FakeRequest): DOMException | undefined {
    const store = this.db.stores.get(storeName)!;
    const had = store.has(op.key);
    const before = store.get(op.key);
    const restore = () => (had ? store.set(op.key, before) : store.delete(op.key));
    switch (op.kind) {
      case 'get':
        request.result = had ? this.clone(before) : undefined;
        return undefined;
      case 'add':
        if (had) return new DOMException('Key already exists in the object store.', 'ConstraintError');
        store.set(op.key, op.value);
        this.undo.push(restore);
        request.result = op.key;
        return undefined;
      case 'put':
        store.set(op.key, op.value);
        this.undo.push(restore);
        request.result = op.key;
        return undefined;
      case 'delete':
        store.delete(op.key);
        this.undo.push(restore);
        return undefined;
    }
  }

  private abort(error: DOMException): void {
    this.error = error;
    for (const restore of this.undo.reverse()) restore();
    for (const { request } of this.requests.splice(0)) {
      request.readyState = 'done';
      request.error = new DOMException('the transaction was aborted', 'AbortError');
    }
    this.finish('abort');
  }

  private finish(how: 'complete' | 'abort'): void {
    this.state = 'finished';
    task(() => {
      if (how === 'complete') this.oncomplete?.(fakeEvent('complete', this));
      else this.onabort?.(fakeEvent('abort', this));
      this.onFinish();
    });
  }
}

class FakeConnection {
  private closed = false;
  constructor(
    private readonly db: Database,
    private readonly run: (tx: FakeTransaction) => void,
  ) {}
  get objectStoreNames(): string[] {
    return [...this.db.stores.keys()];
  }
  get version(): number {
    return this.db.version;
  }
  createObjectStore(name: string): void {
    if (this.db.stores.has(name)) throw new DOMException(`store ${name} exists`, 'ConstraintError');
    this.db.stores.set(name, new Map());
  }
  transaction(names: string | readonly string[], mode: 'readonly' | 'readwrite' = 'readonly'): FakeTransaction {
    if (this.closed) throw new DOMException('the connection is closed', 'InvalidStateError');
    const scope = typeof names === 'string' ? [names] : [...names];
    for (const name of scope) if (!this.db.stores.has(name)) throw new DOMException(`no store ${name}`, 'NotFoundError');
    const tx = new FakeTransaction(this.db, scope, mode, () => this.next());
    this.run(tx);
    return tx;
  }
  close(): void {
    this.closed = true;
  }
  private next(): void {
    this.db.queue.shift();
    this.db.queue[0]?.start();
  }
}

/** An origin's IndexedDB in memory, shared by the script instances (tabs) given it as their `indexedDB`. */
export class FakeIndexedDB {
  private readonly databases = new Map<string, Database>();

  open(name: string, version = 1): FakeRequest {
    const request = new FakeRequest();
    task(() => {
      let db = this.databases.get(name);
      if (!db) {
        db = { version: 0, stores: new Map(), queue: [] };
        this.databases.set(name, db);
      }
      const found = db;
      const connection = new FakeConnection(found, (tx) => {
        found.queue.push(tx);
        if (found.queue.length === 1) tx.start();
      });
      request.readyState = 'done';
      if (version < found.version) {
        request.error = new DOMException(`version ${version} is older than ${found.version}`, 'VersionError');
        request.onerror?.(fakeEvent('error', request));
        return;
      }
      request.result = connection;
      if (version > found.version) {
        found.version = version;
        request.onupgradeneeded?.(fakeEvent('upgradeneeded', request));
      }
      request.onsuccess?.(fakeEvent('success', request));
    });
    return request;
  }

  /** The records of a store, as kept (a test's view, outside any transaction). */
  records(database: string, store: string): Map<Key, unknown> {
    return new Map(this.databases.get(database)?.stores.get(store) ?? []);
  }

  /** Keeps value under key in a store, making the database (at version) and the store if need be. */
  keep(database: string, store: string, key: Key, value: unknown, version = 1): void {
    let db = this.databases.get(database);
    if (!db) {
      db = { version, stores: new Map(), queue: [] };
      this.databases.set(database, db);
    }
    if (!db.stores.has(store)) db.stores.set(store, new Map());
    db.stores.get(store)!.set(key, structuredClone(value));
  }

  /** The version of a database, 0 if there is none. */
  version(database: string): number {
    return this.databases.get(database)?.version ?? 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A fake document, enough for a page part to start and show what it does.

/** An element as the page parts use one: text, hidden, attributes, events, and the selectors a test answers. */
export class FakeElement {
  textContent = '';
  hidden = false;
  disabled = false;
  checked = false;
  value = '';
  private readonly listeners = new Map<string, ((event: FakeEvent) => void)[]>();
  readonly elements = { namedItem: (name: string) => this.named[name] ?? null };

  constructor(
    readonly attributes: Record<string, string> = {},
    private readonly selectors: Record<string, () => FakeElement | null> = {},
    private readonly named: Record<string, FakeElement> = {},
  ) {}

  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }

  querySelector(selector: string): FakeElement | null {
    const answer = this.selectors[selector];
    if (!answer) throw new Error(`the fake page does not know the selector ${selector}`);
    return answer();
  }

  addEventListener(type: string, listener: (event: FakeEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** Fires an event of type at the element's listeners. */
  dispatch(type: string): void {
    const event = fakeEvent(type, this);
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** A parsed document holding elements by id, and the window a browser that can sign has. */
export function fakePage(byId: Record<string, FakeElement>, indexedDB: FakeIndexedDB, crypto: Crypto): { document: unknown; window: unknown } {
  return {
    document: { readyState: 'complete', getElementById: (id: string) => byId[id] ?? null, addEventListener: () => undefined },
    window: { crypto, indexedDB },
  };
}
