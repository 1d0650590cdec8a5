/**
 * What the store contract's facts are built from: a fresh store per test, fixed instants, and consultations,
 * households, ballots, comments and events as the use cases would give them.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { Comment } from '../../../../shared/discussion.ts';
import { DomainError } from '../../../../shared/errors.ts';
import type { Ballot, Channel, Consultation, Document, Household } from '../../../../shared/schemas.ts';
import type { AttemptLimiter, AuditDraft, Store } from '../../../../functions/core/store.ts';

export interface StoreUnderTest {
  store: Store;
  limiter: AttemptLimiter;
  cleanup?: () => Promise<void>;
}

/** Makes an empty store (and limiter); called before every test. */
export type MakeStore = (options: { attemptWindowMs: number }) => Promise<StoreUnderTest>;

/** The limiter's window in the contract: one minute. */
export const WINDOW_MS = 60_000;

/** The store of the running test. */
export interface StoreContext {
  readonly store: Store;
  readonly limiter: AttemptLimiter;
}

/** A fresh store before each test, cleaned up after it. */
export function freshStore(makeStore: MakeStore): StoreContext {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await makeStore({ attemptWindowMs: WINDOW_MS });
  });
  afterEach(async () => {
    await current?.cleanup?.();
    current = undefined;
  });
  const get = () => {
    if (!current) throw new Error('the store is made before each test');
    return current;
  };
  return {
    get store() {
      return get().store;
    },
    get limiter() {
      return get().limiter;
    },
  };
}

/** The instants of a vote: created, then voting from opensAt to closesAt. */
export const T = {
  created: '2026-03-01T08:00:00Z',
  edited: '2026-03-01T09:00:00Z',
  opensAt: '2026-03-02T00:00:00Z',
  during: '2026-03-03T10:00:00Z',
  later: '2026-03-04T10:00:00Z',
  closesAt: '2026-03-09T00:00:00Z',
  after: '2026-03-10T00:00:00Z',
} as const;

export const NO_TURNOUT = { online: 0, paper: 0, meeting: 0 };

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A ULID-shaped id; a larger n is a later id. */
export const ulid = (n: number) => `01J${String(n).padStart(23, '0')}`;

export function consultation(n = 1, title = 'Bê tông hóa đường thôn'): Consultation {
  return {
    id: ulid(n),
    commune: 'xa-thu-nghiem',
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'other_self_managed',
    method: 'household_ballot',
    title,
    description: 'Đường dài 500 m.',
    opensAt: T.opensAt,
    closesAt: T.closesAt,
    questions: [{ id: 'q1', type: 'yes_no', text: 'Tán thành?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [1, 2] } }],
  };
}

export const rollId = (n: number) => `H-${String(n).padStart(3, '0')}`;

export function household(n: number): Household {
  return { id: rollId(n), hamlet: 'Thôn Thử Nghiệm', head: `Chủ hộ ${n}`, members: 1 + (n % 5), category: n % 10 === 0 ? 'poor' : 'standard' };
}

export const households = (count: number) => Array.from({ length: count }, (_, i) => household(i + 1));

export function document(name: string): Document {
  const sha256 = hex(`document:${name}`);
  return { title: name, file: `docs/${sha256}.pdf`, sha256, bytes: 1000, mediaType: 'application/pdf' };
}

/** A ballot whose receipt and nonce follow from `tag`. */
export function ballot(tag: string, answer = 'yes'): Ballot {
  return { answers: { q1: answer }, nonce: hex(`nonce:${tag}`).slice(0, 32), receipt: hex(`receipt:${tag}`) };
}

/** The hash of a household's voting code; `round` tells reissued codes apart. */
export const credential = (rollIdOf: string, round = 0) => hex(`code:${rollIdOf}:${round}`);

export function audit(action: string, at: string = T.created, data: Record<string, unknown> = {}): AuditDraft {
  return { at, actor: { role: 'official', id: 'official-a' }, action, data };
}

export function comment(n: number, fields: Partial<Comment> = {}): Comment {
  return { id: ulid(1000 + n), consultationId: ulid(1), rollId: rollId(n), text: `Ý kiến ${n}`, at: T.created, official: false, ...fields };
}

export function answer(n: number, parent: string): Comment {
  return { id: ulid(1000 + n), consultationId: ulid(1), parent, text: `Giải trình ${n}`, at: T.edited, official: true };
}

/** The DomainError code an act is refused with, or 'none' if it is not refused. */
export async function refusal(act: Promise<unknown>): Promise<string> {
  try {
    await act;
    return 'none';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

/** A consultation created, given a roll of `count` households, and opened; its id. */
export async function openedVote(store: Store, count = 3, n = 1): Promise<string> {
  const c = consultation(n);
  await store.createConsultation(c, T.created, audit('created'));
  await store.replaceRoll(c.id, households(count), T.created, audit('roll_uploaded', T.created, { count }));
  await store.openVoting(
    c.id,
    (roll) => roll.map((h) => ({ household: h.id, hash: credential(h.id) })),
    T.opensAt,
    (k) => audit('opened', T.opensAt, { households: k }),
  );
  return c.id;
}

/** An online ballot of a household with its first code. */
export function online(store: Store, id: string, of: string, tag: string, now: string = T.during) {
  return store.castBallot({ consultationId: id, household: of, credentialHash: credential(of), channel: 'online', ballot: ballot(tag), now });
}

/** A paper (or meeting) entry by an official, with its event. */
export function entered(store: Store, id: string, of: string, tag: string, channel: Exclude<Channel, 'online'> = 'paper', now: string = T.during) {
  return store.castBallot({
    consultationId: id,
    household: of,
    channel,
    ballot: ballot(tag),
    now,
    audit: audit(`${channel}_ballot_entered`, now, { household: of }),
  });
}

/** The household's turnout as the consultation reports it. */
export async function turnoutOf(store: Store, id: string) {
  return (await store.getConsultation(id))?.participants;
}
