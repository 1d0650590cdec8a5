/**
 * Staff sessions kept on the server, so that signing out ends them. At sign-in, after the id token is verified, a
 * random 256-bit id is made; the browser's cookie holds the id, the store only its SHA-256 with the principal, the
 * session's end and when it began. The id token goes with it encrypted (AES-256-GCM) under a key derived from the
 * id (HKDF-SHA-256), so the closer can be handed the official's own token while the table alone opens nothing.
 * A session ends at the token's expiry or 8 hours after sign-in, whichever comes first; signing out deletes it.
 */
import { fromBase64Url, toBase64Url, toHex, utf8, fromUtf8 } from '../../shared/bytes.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';

/** The longest a staff session lasts, whatever the token's expiry. */
export const MAX_SESSION_SECONDS = 8 * 3600;

/** A session id as the cookie carries it: 32 random bytes in unpadded base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const TOKEN_KEY_INFO = utf8('danban staff session: id token key');
const IV_BYTES = 12;

/** A session found: who is signed in, and the id token they signed in with (verified then). */
export interface OpenSession {
  principal: Principal;
  idToken: string;
}

/** The store's key of a session: the SHA-256 of its id, in hex. */
export async function sessionHash(id: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(id))));
}

async function tokenKey(id: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', fromBase64Url(id), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: TOKEN_KEY_INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function sealToken(id: string, token: string, iv: Uint8Array<ArrayBuffer>): Promise<string> {
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await tokenKey(id), utf8(token)));
  return `${toBase64Url(iv)}.${toBase64Url(sealed)}`;
}

async function openToken(id: string, sealed: string): Promise<string | undefined> {
  try {
    const [iv, body] = sealed.split('.');
    if (!iv || !body) return undefined;
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, await tokenKey(id), fromBase64Url(body));
    return fromUtf8(new Uint8Array(plain));
  } catch {
    return undefined;
  }
}

/**
 * How long a session of a token expiring at `exp` (seconds since the epoch) may last from `now`: to the expiry,
 * 8 hours at most; 0 for a token already expired.
 * @example sessionSecondsLeft(now.getTime() / 1000 + 3600, now) // 3600
 */
export function sessionSecondsLeft(exp: number | undefined, now: Date): number {
  const left = exp === undefined ? 0 : Math.floor(exp - now.getTime() / 1000);
  return Math.max(0, Math.min(MAX_SESSION_SECONDS, left));
}

/**
 * Starts a session for a principal whose id token (expiring at `exp`) was just verified; its id (for the cookie
 * only) and its length in seconds, or undefined if the token has no time left.
 */
export async function startStaffSession(
  deps: CoreDeps,
  who: Principal,
  idToken: string,
  exp: number | undefined,
): Promise<{ id: string; seconds: number } | undefined> {
  const now = deps.clock.now();
  const seconds = sessionSecondsLeft(exp, now);
  if (seconds <= 0) return undefined;
  const id = toBase64Url(deps.ids.random(32));
  await deps.store.putSession(await sessionHash(id), {
    sub: who.sub,
    role: who.role,
    commune: who.commune,
    sealedToken: await sealToken(id, idToken, new Uint8Array(deps.ids.random(IV_BYTES))),
    createdAt: now.toISOString(),
    endsAt: new Date(now.getTime() + seconds * 1000).toISOString(),
  });
  return { id, seconds };
}

/** The open session of a cookie's id; undefined for an id never issued, signed out or expired. */
export async function findStaffSession(deps: CoreDeps, id: string): Promise<OpenSession | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const session = await deps.store.getSession(await sessionHash(id), deps.clock.now().toISOString());
  if (!session) return undefined;
  const idToken = await openToken(id, session.sealedToken);
  if (idToken === undefined) return undefined;
  return { principal: { sub: session.sub, role: session.role, commune: session.commune }, idToken };
}

/** Signs out: the session of the id is deleted, so the cookie (or any copy of it) opens nothing afterwards. */
export async function endStaffSession(deps: CoreDeps, id: string): Promise<void> {
  if (SESSION_ID.test(id)) await deps.store.deleteSession(await sessionHash(id));
}
