/**
 * What the signing scripts fetch and send, and how they tell what came back: a published file fetched afresh; a
 * compact JWS posted as application/jose to the page's own route (functions/http/jose-post.ts), whose JSON answer
 * is `{kid}` when it is accepted and `{error: {code, message, vi}}` when it is not; and an error in words for the
 * page's status line.
 */

/** A route's answer: its status and its JSON body (undefined if the body is not JSON). */
export interface Reply {
  status: number;
  body: unknown;
}

/** Posts a compact JWS to this origin's page route; resolves to its status and its JSON answer. */
export async function postJws(url: string, compact: string): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/jose' }, body: compact });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

/** A published file fetched afresh from this origin (what): refused unless the answer is 2xx. */
export async function fetchPublished(url: string, what: string): Promise<Response> {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
  return res;
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The kid of the key whose signature the route accepted (201 with `{kid}`), or undefined if it was refused. */
export function acceptedKid(reply: Reply): string | undefined {
  return reply.status === 201 ? text(member(reply.body, 'kid')) : undefined;
}

/**
 * A refused post: the route's Vietnamese message for its error code (or the HTTP status when it has none); on a page
 * that shows English, then the status and the route's English reason.
 */
export function refusal(reply: Reply, english: boolean): string {
  const error = member(reply.body, 'error');
  const vi = text(member(error, 'vi'));
  const reason = text(member(error, 'message')) ?? text(member(error, 'code'));
  if (!english) return `Bị từ chối${vi ? `: ${vi}` : ` (HTTP ${reply.status})`}`;
  return `Bị từ chối${vi ? `: ${vi}` : ''} / Refused (HTTP ${reply.status})${reason ? `: ${reason}` : ''}`;
}

/** An error a script words itself: its message is both languages, the page shows the Vietnamese and, if shown, the English. */
export class WordedError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
    this.name = 'WordedError';
  }
}

/** An error in words: a WordedError in the page's languages, else its message (an Error's, a DOMException's), or the thing itself. */
export function errorText(err: unknown, english: boolean): string {
  if (err instanceof WordedError) return english ? err.message : err.vi;
  return text(member(err, 'message')) ?? String(err);
}
