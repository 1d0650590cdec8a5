/**
 * A signer's P-256 ECDSA key pair kept in the browser's IndexedDB (object store `keys`, version 1, of a database of
 * the page part's own), made on first use with `extractable: false`: the private key can never leave the browser,
 * the public key stays exportable.
 *
 * A new key is stored with `add`, never `put`: when two tabs make one at once, the one stored first is kept and the
 * other tab reads it back and uses it, so no tab shows the fingerprint of a key that was overwritten. A page holds
 * one promise per key (`keyCache`) and drops it if it fails, so a failed attempt is tried again on the next use.
 */

const STORE = 'keys';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Whether a kept record is a key pair this page can sign with. */
function usable(found: unknown): found is CryptoKeyPair {
  return (
    typeof found === 'object' &&
    found !== null &&
    'privateKey' in found &&
    'publicKey' in found &&
    found.privateKey instanceof CryptoKey &&
    found.publicKey instanceof CryptoKey
  );
}

function openKeys(database: string): Promise<IDBDatabase> {
  const open = indexedDB.open(database, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

function aborted(tx: IDBTransaction): Error {
  return tx.error ?? new Error('IndexedDB: the transaction was aborted');
}

/**
 * The key pair kept under name, or undefined if there is none. A record that is not a key pair is dropped in the
 * same transaction, so that a new key can be added in its place.
 */
function readKey(db: IDBDatabase, name: string): Promise<CryptoKeyPair | undefined> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    let found: unknown;
    const get = store.get(name);
    get.onsuccess = () => {
      found = get.result;
      if (found !== undefined && !usable(found)) store.delete(name);
    };
    tx.oncomplete = () => resolve(usable(found) ? found : undefined);
    tx.onabort = () => reject(aborted(tx));
  });
}

/**
 * Adds kept under name unless a key is kept there already (add, never put: a key another tab kept first is never
 * overwritten). Resolves to whether it was added, once the transaction is committed.
 */
function addKey(db: IDBDatabase, name: string, kept: CryptoKeyPair): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).add(kept, name);
    tx.oncomplete = () => resolve(true);
    tx.onabort = () => {
      if (tx.error?.name === 'ConstraintError') resolve(false);
      else reject(aborted(tx));
    };
  });
}

/** The key kept under name, or a new one added under it; if another tab added one first, that one. */
async function keptOrMade(db: IDBDatabase, name: string): Promise<CryptoKeyPair> {
  const found = await readKey(db, name);
  if (found) return found;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const kept: CryptoKeyPair = { privateKey: pair.privateKey, publicKey: pair.publicKey };
  if (await addKey(db, name, kept)) return kept;
  const theirs = await readKey(db, name);
  if (!theirs) throw new Error(`IndexedDB: the key another tab kept under ${name} cannot be read`);
  return theirs;
}

/**
 * The key pair kept under name in IndexedDB database (store keys); made on first use with a non-extractable private
 * key. When two tabs make one at once, the first kept wins and the other tab uses it too: every tab shows the same
 * fingerprint, the one of the key that is kept.
 */
export async function keyPair(database: string, name: string): Promise<CryptoKeyPair> {
  const db = await openKeys(database);
  try {
    return await keptOrMade(db, name);
  } finally {
    db.close();
  }
}

/** The key pairs of a database as a page uses them: one promise per name. */
export type KeyCache = (name: string) => Promise<CryptoKeyPair>;

/**
 * The key pairs of database as a page uses them: one promise per name, so that a key being made is not made twice
 * by the page, and a promise that fails is dropped, so that the next use tries again without a reload.
 * @example const keys = keyCache('danban-monitor'); const pair = await keys('monitor')
 */
export function keyCache(database: string): KeyCache {
  const pending = new Map<string, Promise<CryptoKeyPair>>();
  return (name) => {
    let made = pending.get(name);
    if (!made) {
      const attempt = keyPair(database, name);
      made = attempt;
      pending.set(name, attempt);
      attempt.catch(() => {
        if (pending.get(name) === attempt) pending.delete(name);
      });
    }
    return made;
  };
}

/** Whether this browser can make and keep a key and sign with it. */
export function supported(): boolean {
  return typeof window !== 'undefined' && !!window.crypto?.subtle && !!window.indexedDB;
}
