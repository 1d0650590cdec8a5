/**
 * Commune rounds (domain.md "Commune-wide contributions"; Law 10/2022 Art. 21(1) ¶2; Decree 59/2023 Art. 4(6)(c)): a
 * contribution carried out across the commune is decided hamlet by hamlet, each by its own rule, and is adopted when
 * at least 2/3 of the hamlets adopted it. An official creates the group from one input of the commune and its hamlets:
 * one ordinary round per hamlet, naming the group; each runs as any round. When every hamlet's round is published the
 * signed aggregate goes to `g/<groupId>/` (shared/aggregate.ts); UBND xã (role `commune`) then sets its effective date.
 *
 * The store has no item of its own for a group: the group is its rounds (`consultation.group`), one per hamlet (the
 * latest round of a hamlet that is not cancelled). Its log is the rounds' logs: the aggregate's signature is an event
 * `aggregate_signed` of the first round's log (lowest id), appended only if that log has not moved, so two closers that
 * finish together publish one signature; `effective_date_set` is an event of every round's log.
 */
import * as z from 'zod';
import { type Aggregate, aggregateRound, buildAggregate, groupDir, signAggregate } from '../../shared/aggregate.ts';
import { bytesEqual, fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { decodeJws, jwkThumbprint, spkiToJwk } from '../../shared/jws.ts';
import { applyMeetingAttendance, checkConsultation } from '../../shared/matters.ts';
import { COMMUNE_WIDE, methodProblems } from '../../shared/methods.ts';
import { type Actor, type Consultation, ConsultationInput, type OutcomeStatus, type State } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { isIsoDate } from '../../shared/working-days.ts';
import { groupPage } from '../../web/group-page.tsx';
import { actorOf, afterCommit, requireOfficial, SYSTEM } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

export const AGGREGATE_SIGNED = 'aggregate_signed';
export const EFFECTIVE_DATE_SET = 'effective_date_set';

const Hamlet = z.string().trim().min(1).max(200);
/** An official's group: the commune's input (scope kind `commune`) and the hamlets that each hold a round. */
export const GroupBody = z.strictObject({
  consultation: ConsultationInput,
  hamlets: z
    .array(Hamlet)
    .min(1)
    .max(100)
    .refine((h) => new Set(h).size === h.length, 'each hamlet once'),
});
export type GroupBody = z.infer<typeof GroupBody>;

/** UBND xã's decision on when the decision takes effect: the date and the document's reference. */
export const EffectiveDateBody = z.strictObject({
  date: z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD'),
  reference: z.string().trim().min(1).max(200),
});
export type EffectiveDateBody = z.infer<typeof EffectiveDateBody>;

export interface GroupRound {
  consultationId: string;
  hamlet: string;
  state: State;
  method: Consultation['method'];
  /** Each question's outcome, once published. */
  outcomes?: Record<string, OutcomeStatus>;
}

export interface GroupStatus {
  groupId: string;
  commune: string;
  title: string;
  matter: Consultation['matter'];
  hamlets: number;
  threshold: number;
  rounds: GroupRound[];
  aggregate?: { url: string; outcome: Aggregate['outcome']; adopted: boolean };
  effectiveDate?: { date: string; reference: string; at: string };
}

const HTML = 'text/html; charset=utf-8';
const SHORT = 'public, max-age=60';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function refusal(path: string, vi: string, en: string): DomainError {
  return new DomainError('method_not_allowed', en, [{ path, message: vi }], vi);
}

/** The group's input as the law allows it: a commune-wide contribution, by meeting or household ballot per hamlet. */
function checkedGroup(deps: CoreDeps, commune: string, body: GroupBody): ConsultationInput {
  const input = applyMeetingAttendance(body.consultation, deps.profile);
  if (input.scope.kind !== 'commune')
    throw new DomainError('invalid_request', 'a commune round is created from the commune’s input', [{ path: 'consultation.scope.kind', message: 'commune' }]);
  if (input.follows !== undefined || input.group !== undefined)
    throw new DomainError('invalid_request', 'a commune round follows nothing and names no group', [{ path: 'consultation', message: 'no follows, no group' }]);
  if (!COMMUNE_WIDE.includes(input.matter))
    throw refusal(
      'consultation.matter',
      'Chỉ nội dung đóng góp (Điều 15 khoản 1, 2) được biểu quyết theo từng thôn trên địa bàn xã (Luật 10/2022 Điều 21 khoản 1).',
      'Only a contribution (Art. 15(1), (2)) is decided hamlet by hamlet across the commune (Law 10/2022 Art. 21(1)).',
    );
  const [law] = methodProblems(input, commune);
  if (law) throw refusal(`consultation.${law.path.join('.')}`, law.words.vi, law.words.en);
  const problems = checkConsultation(input, deps.profile);
  if (problems.length > 0)
    throw new DomainError(
      'invalid_request',
      'the consultation does not follow the rules for its matter',
      problems.map((p) => ({ path: ['consultation', ...p.path].join('.'), message: p.message })),
    );
  return input;
}

/**
 * An official creates a commune round: one draft round per hamlet (scope kind `hamlet`, the same questions, the
 * method the commune chose, the same `group`), each created with its own `created` event.
 */
export async function createGroup(deps: CoreDeps, who: Principal | undefined, body: GroupBody): Promise<GroupStatus> {
  const official = requireOfficial(who);
  const input = checkedGroup(deps, official.commune, body);
  const groupId = deps.ids.ulid();
  for (const hamlet of body.hamlets) {
    const consultation: Consultation = { id: deps.ids.ulid(), commune: official.commune, ...input, scope: { kind: 'hamlet', name: hamlet }, group: groupId };
    const now = instant(deps.clock.now());
    await deps.store.createConsultation(consultation, now, {
      at: now,
      actor: actorOf(official),
      action: 'created',
      data: { consultationId: consultation.id, title: consultation.title, group: groupId },
    });
  }
  return groupStatus(deps, who, groupId);
}

interface Group {
  groupId: string;
  commune: string;
  /** The round whose log holds the group's signature: the group's first (lowest id). */
  first: string;
  /** One round per hamlet, by id, each read with its current state. */
  rounds: ConsultationRecord[];
}

/** The group's rounds, one per hamlet (the latest round of the hamlet that is not cancelled), or `not_found`. */
async function loadGroup(deps: CoreDeps, groupId: string): Promise<Group> {
  const members = (await deps.store.listConsultations())
    .filter((r) => r.consultation.group === groupId)
    .sort((a, b) => (a.consultation.id < b.consultation.id ? -1 : 1));
  const first = members[0];
  if (!first) throw new DomainError('not_found', 'no such commune round');
  const commune = first.consultation.commune;
  const latest = new Map<string, string>();
  for (const r of members) if (r.consultation.commune === commune && r.state !== 'cancelled') latest.set(r.consultation.scope.name, r.consultation.id);
  // The list may lag the table: each round is read again for its state.
  const rounds = await Promise.all([...latest.values()].sort().map((id) => deps.store.getConsultation(id)));
  return { groupId, commune, first: first.consultation.id, rounds: rounds.filter((r): r is ConsultationRecord => r !== undefined) };
}

/** The signed payload of a published round's result.jws. */
async function resultPayload(deps: CoreDeps, id: string): Promise<Uint8Array> {
  const bytes = await deps.publisher.get(`c/${id}/result.jws`);
  if (!bytes) throw new DomainError('integrity_error', `the published result of ${id} is missing`);
  return decodeJws(fromUtf8(bytes).trim()).payloadBytes;
}

/** The aggregate as signed, from the first round's log. */
async function signedAggregate(deps: CoreDeps, group: Group): Promise<{ jws: string; aggregate: Aggregate } | undefined> {
  const log = await deps.store.getAudit(group.first);
  const event = log.find((e) => e.action === AGGREGATE_SIGNED && e.data.groupId === group.groupId);
  if (!event) return undefined;
  const jws = String(event.data.jws);
  return { jws, aggregate: JSON.parse(fromUtf8(decodeJws(jws).payloadBytes)) as Aggregate };
}

/** The effective date as recorded in the first round's log (it is recorded in every round's). */
async function effectiveDateOf(deps: CoreDeps, group: Group) {
  const event = (await deps.store.getAudit(group.first)).find((e) => e.action === EFFECTIVE_DATE_SET && e.data.groupId === group.groupId);
  return event ? { date: String(event.data.date), reference: String(event.data.reference), at: event.at } : undefined;
}

/** The group, its rounds and their states, the aggregate once signed and the effective date once set. Drafts only to the commune. */
export async function groupStatus(deps: CoreDeps, who: Principal | undefined, groupId: string): Promise<GroupStatus> {
  const group = await loadGroup(deps, groupId);
  if (group.rounds.every((r) => r.state === 'draft') && who?.commune !== group.commune) throw new DomainError('not_found', 'no such commune round');
  const rounds = await Promise.all(
    group.rounds.map(async (r): Promise<GroupRound> => {
      const base = { consultationId: r.consultation.id, hamlet: r.consultation.scope.name, state: r.state, method: r.consultation.method };
      if (r.state !== 'published') return base;
      return { ...base, outcomes: aggregateRound(r.consultation.id, base.hamlet, await resultPayload(deps, r.consultation.id)).outcomes };
    }),
  );
  const [signed, effectiveDate] = await Promise.all([signedAggregate(deps, group), effectiveDateOf(deps, group)]);
  const { consultation } = group.rounds[0] ?? (await deps.store.getConsultation(group.first))!;
  const n = signed?.aggregate.hamlets ?? rounds.length;
  return {
    groupId,
    commune: group.commune,
    title: consultation.title,
    matter: consultation.matter,
    hamlets: n,
    threshold: signed?.aggregate.threshold ?? Math.floor((2 * n + 2) / 3),
    rounds,
    ...(signed
      ? {
          aggregate: {
            url: deps.publisher.url(groupDir(groupId)),
            outcome: signed.aggregate.outcome,
            adopted: Object.values(signed.aggregate.outcome).some((o) => o.status === 'adopted'),
          },
        }
      : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
  };
}

/** The signature of the aggregate, made once: a second run finds the first one's in the log and uses it. */
async function signOnce(deps: CoreDeps, group: Group, bytes: Uint8Array, actor: Actor): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const log = await deps.store.getAudit(group.first);
    const done = log.find((e) => e.action === AGGREGATE_SIGNED && e.data.groupId === group.groupId);
    if (done) {
      const jws = String(done.data.jws);
      if (!bytesEqual(decodeJws(jws).payloadBytes, bytes)) throw new DomainError('already_recorded', 'the aggregate of this commune round is signed already');
      return jws;
    }
    const jwk = spkiToJwk(await deps.signer.publicKeySpki());
    const jws = await signAggregate(bytes, jwkThumbprint(jwk), (m) => deps.signer.sign(m));
    const at = instant(deps.clock.now());
    const data = { groupId: group.groupId, aggregate: sha256Hex(bytes), jws };
    try {
      await deps.store.appendAudit(group.first, { at, actor, action: AGGREGATE_SIGNED, data }, { after: log.at(-1)?.seq ?? 0 });
      return jws;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'busy')) throw err;
    }
  }
  throw new DomainError('busy', 'the log of the commune round kept changing; try again');
}

/**
 * Publishes `g/<groupId>/aggregate.json`, `aggregate.jws` (last) and the group page once every hamlet's round is
 * published; `wrong_state` before. Idempotent: a re-run writes the same bytes, never a second signature.
 */
export async function publishAggregate(deps: CoreDeps, groupId: string, who?: Principal): Promise<GroupStatus> {
  const group = await loadGroup(deps, groupId);
  const official = who === undefined ? undefined : requireOfficial(who);
  if (official && official.commune !== group.commune) throw new DomainError('forbidden', 'the commune round belongs to another commune');
  const waiting = group.rounds.filter((r) => r.state !== 'published');
  if (waiting.length > 0)
    throw new DomainError('wrong_state', `not every hamlet's round is published: ${waiting.map((r) => r.consultation.scope.name).join(', ')}`);
  const rounds = await Promise.all(
    group.rounds.map(async (r) => aggregateRound(r.consultation.id, r.consultation.scope.name, await resultPayload(deps, r.consultation.id), deps.sha256)),
  );
  const { bytes } = buildAggregate({ groupId, commune: group.commune, rounds });
  const jws = await signOnce(deps, group, bytes, official ? actorOf(official) : SYSTEM);
  const dir = groupDir(groupId);
  await deps.publisher.put(`${dir}aggregate.json`, bytes, { contentType: 'application/json; charset=utf-8', cacheControl: IMMUTABLE });
  await deps.publisher.put(`${dir}aggregate.jws`, utf8(jws), { contentType: 'application/jose; charset=utf-8', cacheControl: IMMUTABLE });
  await publishGroupPage(deps, groupId);
  return groupStatus(deps, official, groupId);
}

/** Writes `g/<groupId>/index.html` once the aggregate is signed (before, there is nothing to show). */
export async function publishGroupPage(deps: CoreDeps, groupId: string): Promise<void> {
  const group = await loadGroup(deps, groupId);
  const signed = await signedAggregate(deps, group);
  if (!signed) return;
  const { consultation } = group.rounds[0]!;
  const effectiveDate = await effectiveDateOf(deps, group);
  const html = groupPage({
    title: consultation.title,
    questions: consultation.questions,
    aggregate: signed.aggregate,
    ...(effectiveDate ? { effectiveDate } : {}),
  });
  await deps.publisher.put(`${groupDir(groupId)}index.html`, html, { contentType: HTML, cacheControl: SHORT });
}

/** After a round is published (functions/core/publishing.ts): the aggregate of its group, if it is the last one. */
export async function roundPublished(deps: CoreDeps, consultation: Pick<Consultation, 'group'>): Promise<void> {
  const groupId = consultation.group;
  if (groupId === undefined) return;
  await afterCommit(deps, `publishing the aggregate of ${groupId}`, async () => {
    const group = await loadGroup(deps, groupId);
    if (group.rounds.every((r) => r.state === 'published')) await publishAggregate(deps, groupId);
  });
}

/**
 * UBND xã (role `commune`) sets the date the decision takes effect, once the aggregate is adopted (409 before, or
 * when set already): an event `effective_date_set` in every round's log, then the group page.
 */
export async function setEffectiveDate(deps: CoreDeps, who: Principal | undefined, groupId: string, body: EffectiveDateBody) {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'commune') throw new DomainError('forbidden', 'the commune People’s Committee sets the effective date');
  const group = await loadGroup(deps, groupId);
  if (group.commune !== who.commune) throw new DomainError('forbidden', 'the commune round belongs to another commune');
  const signed = await signedAggregate(deps, group);
  const adopted = signed ? Object.entries(signed.aggregate.outcome).filter(([, o]) => o.status === 'adopted') : [];
  if (adopted.length === 0) throw new DomainError('wrong_state', 'the aggregate of the commune round is not adopted');
  if (await effectiveDateOf(deps, group)) throw new DomainError('already_recorded', 'the effective date is set already');
  const at = instant(deps.clock.now());
  const data = { groupId, date: body.date, reference: body.reference, questions: adopted.map(([q]) => q) };
  // The first round's log last: it is where the date is read from, so a crash part way is finished by a retry.
  const ids = [...group.rounds.map((r) => r.consultation.id).filter((id) => id !== group.first), group.first];
  for (const id of ids) {
    const log = await deps.store.getAudit(id);
    if (log.some((e) => e.action === EFFECTIVE_DATE_SET && e.data.groupId === groupId)) continue;
    await deps.store.appendAudit(id, { at, actor: actorOf(who), action: EFFECTIVE_DATE_SET, data }, { after: log.at(-1)?.seq ?? 0 });
  }
  await afterCommit(deps, `publishing the page of ${groupId}`, () => publishGroupPage(deps, groupId));
  return { groupId, date: body.date, reference: body.reference, at };
}
