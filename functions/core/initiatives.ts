/**
 * Citizens' initiatives (sáng kiến của công dân; Law 10/2022 Art. 16(3)). A resident proposes a matter for a hamlet,
 * signing with the household code of a round of that hamlet (its voting or discussion code, checked as for a comment:
 * discussion.ts `householdByCode`, the same wrong-code limiter), or an official records a proposal made on paper.
 * Households consent by roll id: online with their code where the matter may be decided online (Decree 59/2023 Art. 5),
 * or on a paper list the proposer files and answers for, which an official records as such. A consent counts for 3
 * months; with at least 10 % of H an official (for the village head) puts it on the agenda, which opens a draft round
 * linked to the initiative; under 10 % the Front working committee (role `monitor`) may approve it. The rules are
 * shared/process/initiatives.ts. Every official's and monitor's act, and a household's proposal, is an event of the
 * initiative's own audit chain (as a process has its own); an online consent is not an event (a household is never
 * named in a log for what it did online) but is kept by roll id and listed on the public page, never with a name.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import { presetRule } from '../../shared/matters.ts';
import { allowedMethods, methodRule } from '../../shared/methods.ts';
import {
  type Consent,
  consentValidUntil,
  INITIATIVE_MATTERS,
  type InitiativeStanding,
  initiativeStanding,
  paperConsents,
} from '../../shared/process/initiatives.ts';
import type { Actor, AuditEvent, ConsultationInput } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { isIsoDate, vietnamDate } from '../../shared/working-days.ts';
import { actorOf, load } from './access.ts';
import { createConsultation } from './consultations.ts';
import type { CoreDeps } from './deps.ts';
import { householdByCode } from './discussion.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord, InitiativeRecord } from './store.ts';

const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
const Line = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'required')
        .max(max, `at most ${max} characters`)
        .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'one line'),
    );
const Body = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'required').max(5000, 'at most 5000 characters'));
const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a round id');

/** What a proposal says: the matter, its title and its text. */
const Proposal = { matter: INITIATIVE_MATTERS, title: Line(300), text: Body };
/** A household's proposal, signed with its code of the round `rollFrom`. */
export const ProposeBody = z.strictObject({ rollFrom: Ulid, code: z.string().max(64), ...Proposal });
/** A proposal made on paper, recorded by an official with the proposer's name and the day it was made. */
export const PaperProposalBody = z.strictObject({ rollFrom: Ulid, proposer: Line(120), proposedOn: Day, ...Proposal });
/** A paper list the proposer filed: its number, who filed it, the day, and each household's roll id and day. */
export const PaperListBody = z.strictObject({
  list: Line(40),
  filedBy: Line(120),
  filedOn: Day,
  entries: z
    .array(z.strictObject({ rollId: Line(64), on: Day }))
    .min(1, 'at least 1 household')
    .max(10_000),
});
/** The Front working committee's decision on an initiative under 10 %. */
export const FrontBody = z.strictObject({ approved: z.boolean(), reason: Line(500).optional() });

/** A resident's act in an initiative's chain: no account, the household named in the event's data by roll id. */
const HOUSEHOLD: Actor = { role: 'system', id: 'household-code' };

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new DomainError('invalid_request', 'the form is not complete', detailsOf(r.error));
  return r.data;
};

function requireRole(who: Principal | undefined, role: Principal['role'], words: string): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== role) throw new DomainError('forbidden', words);
  return who;
}

/** The round whose roll and codes an initiative uses: one hamlet's (or residential group's), never a draft. */
function hamletOf(rec: ConsultationRecord): string {
  if (rec.state === 'draft' || rec.state === 'cancelled') throw new DomainError('not_found', 'no such round');
  if (rec.consultation.scope.kind === 'commune')
    throw new DomainError('invalid_request', 'an initiative belongs to one hamlet: choose a round of the hamlet', [
      { path: 'rollFrom', message: 'a commune round' },
    ]);
  return rec.consultation.scope.name;
}

async function stored(deps: CoreDeps, id: string) {
  const s = Ulid.safeParse(id).success ? await deps.store.getInitiative(id) : undefined;
  if (!s) throw new DomainError('not_found', 'no such initiative');
  return s;
}

/** A staff member's initiative: another commune's is as good as absent. */
async function ofCommune(deps: CoreDeps, who: Principal, id: string) {
  const s = await stored(deps, id);
  if (s.record.commune !== who.commune) throw new DomainError('not_found', 'no such initiative');
  return s;
}

const today = (deps: CoreDeps) => vietnamDate(deps.clock.now());
const audit = (deps: CoreDeps, actor: Actor, action: string, r: InitiativeRecord, data: Record<string, unknown> = {}) => ({
  at: instant(deps.clock.now()),
  actor,
  action,
  data: { initiative: r.id, ...data },
});

function newRecord(deps: CoreDeps, rec: ConsultationRecord, p: { matter: InitiativeRecord['matter']; title: string; text: string }) {
  const scope = rec.consultation.scope;
  return {
    id: deps.ids.ulid(),
    commune: rec.consultation.commune,
    hamlet: hamletOf(rec),
    rollFrom: rec.consultation.id,
    matter: p.matter,
    title: p.title,
    text: p.text,
    proposedOn: today(deps),
    createdAt: instant(deps.clock.now()),
    online: methodRule(p.matter, 'online', scope).allowed,
    lists: [],
  };
}

/**
 * A household proposes a matter with its code of a round of the hamlet (wrong codes count against the client as for
 * a comment). The event names the proposing household by roll id.
 * @example await proposeInitiative(deps, { rollFrom, code: 'ABCD-EFGH-JKMN-PQRS', matter: 'other_self_managed', title, text }, ip)
 */
export async function proposeInitiative(deps: CoreDeps, body: unknown, clientKey: string): Promise<InitiativeRecord> {
  const b = parse(ProposeBody, body);
  const { rec, household } = await householdByCode(deps, b.rollFrom, b.code, clientKey, hamletOf);
  const record: InitiativeRecord = { ...newRecord(deps, rec, b), proposer: { kind: 'household', rollId: household } };
  await deps.store.putInitiative(record, audit(deps, HOUSEHOLD, 'initiative_proposed', record, { proposer: household, title: record.title }), 0);
  return record;
}

/** An official records a proposal made on paper, with the proposer's name and day (403 for another role). */
export async function recordPaperProposal(deps: CoreDeps, who: Principal | undefined, body: unknown): Promise<InitiativeRecord> {
  const me = requireRole(who, 'official', 'the commune’s officials record a paper proposal');
  const b = parse(PaperProposalBody, body);
  const rec = await load(deps, b.rollFrom);
  if (rec.consultation.commune !== me.commune) throw new DomainError('not_found', 'no such round');
  const record: InitiativeRecord = { ...newRecord(deps, rec, b), proposedOn: b.proposedOn, proposer: { kind: 'paper', name: b.proposer } };
  await deps.store.putInitiative(record, audit(deps, actorOf(me), 'initiative_proposed', record, { proposer: b.proposer, title: record.title }), 0);
  return record;
}

/** Consents are collected until the initiative is put on the agenda or the Front has decided. */
function collecting(r: InitiativeRecord): void {
  if (r.agenda) throw new DomainError('wrong_state', 'the initiative is on the agenda already');
  if (r.front) throw new DomainError('wrong_state', 'the Front working committee has decided on the initiative');
}

/**
 * A household consents online with its code, once: a second consent while its first still counts is refused with
 * `already_recorded`, however simultaneous (the store's conditional write); after 3 months it may consent again.
 */
export async function consentOnline(deps: CoreDeps, id: string, code: string, clientKey: string): Promise<Consent> {
  const { record } = await stored(deps, id);
  const { household } = await householdByCode(deps, record.rollFrom, code, clientKey, () => {
    collecting(record);
    if (!record.online) throw new DomainError('channel_not_allowed', 'this matter is not decided online: consent on the proposer’s paper list');
  });
  const on = today(deps);
  const consent: Consent = { rollId: household, on, channel: 'online' };
  if (!(await deps.store.addConsent(id, consent, consentValidUntil(on), on)))
    throw new DomainError('already_recorded', 'the household’s consent is recorded already', undefined, 'Hộ đã đồng thuận; ý kiến còn giá trị.');
  return consent;
}

/** The hamlet's roll ids (H is their number), from the round the initiative names. */
async function rollOf(deps: CoreDeps, r: InitiativeRecord): Promise<string[]> {
  return (await deps.store.getRoll(r.rollFrom)).map((h) => h.id);
}

/**
 * An official records the proposer's paper list: each household by roll id with its day, marked `paper` with the
 * list and who filed it (the proposer, who answers for it). Roll ids not on the roll are refused, line by line; a
 * household whose consent still counts is not counted twice. Audited `initiative_paper_list_filed`.
 */
export async function filePaperList(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown) {
  const me = requireRole(who, 'official', 'the commune’s officials record a paper list');
  const b = parse(PaperListBody, body);
  const { record, auditSeq } = await ofCommune(deps, me, id);
  collecting(record);
  if (record.lists.some((l) => l.id === b.list)) throw new DomainError('already_recorded', 'this list is recorded already');
  const onRoll = new Set(await rollOf(deps, record));
  const problems = b.entries.flatMap((e, i) => (onRoll.has(e.rollId) ? [] : [{ path: `entries.${i}`, message: `${e.rollId} is not on the roll` }]));
  if (problems.length > 0) throw new DomainError('invalid_request', 'some households are not on the roll', problems, 'Có số hộ không có trong danh sách hộ.');
  let consents: Consent[];
  try {
    consents = paperConsents({ id: b.list, filedBy: b.filedBy, filedOn: b.filedOn, entries: b.entries });
  } catch {
    throw new DomainError('invalid_request', 'a consent is dated after the list was filed', [{ path: 'entries', message: 'dated after filing' }]);
  }
  const day = today(deps);
  const added: string[] = [];
  // Each consent is its own conditional write: a household already counted (online, or on an earlier list) stays as it is.
  for (const c of consents) if (await deps.store.addConsent(id, c, consentValidUntil(c.on), day)) added.push(c.rollId);
  const next: InitiativeRecord = { ...record, lists: [...record.lists, { id: b.list, filedBy: b.filedBy, filedOn: b.filedOn, households: added.length }] };
  const event = await deps.store.putInitiative(
    next,
    audit(deps, actorOf(me), 'initiative_paper_list_filed', next, { list: b.list, filedBy: b.filedBy, filedOn: b.filedOn, entries: consents.length, added }),
    auditSeq,
  );
  return { record: next, added: added.length, event };
}

/** Where an initiative stands: today, or on the day it was put on the agenda. */
export async function standingOf(deps: CoreDeps, r: InitiativeRecord) {
  const [roll, consents] = await Promise.all([rollOf(deps, r), deps.store.listConsents(r.id)]);
  const day = r.agenda?.on ?? today(deps);
  const standing: InitiativeStanding = initiativeStanding({ consents, roll, day, frontApproved: r.front?.approved === true });
  return { roll, consents, day, standing };
}

/** The draft round an initiative opens: the hamlet, the matter, one yes/no question, the first method the law allows. */
function draftRound(deps: CoreDeps, r: InitiativeRecord, scopeKind: 'hamlet' | 'residential_group'): ConsultationInput {
  const scope = { kind: scopeKind, name: r.hamlet };
  const method = allowedMethods(r.matter, scope).includes('meeting') ? 'meeting' : 'household_ballot';
  const opens = deps.clock.now().getTime() + 14 * 86_400_000;
  return {
    scope,
    matter: r.matter,
    method,
    title: r.title,
    description: `${r.text}\n\nSáng kiến của công dân (khoản 3 Điều 16 Luật số 10/2022/QH15), mã ${r.id}.`,
    opensAt: instant(new Date(opens)),
    closesAt: instant(new Date(opens + 3 * 3_600_000)),
    questions: [{ id: 'q1', type: 'yes_no', text: `Hộ gia đình có đồng ý: ${r.title}?`, options: [], rule: presetRule(r.matter, deps.profile) }],
  };
}

/**
 * An official puts an initiative on the agenda (for the village head): only with 10 % of H consenting today, or the
 * Front's approval. A draft round linked to the initiative is created (consultations.ts createConsultation), then the
 * act recorded with the count (`initiative_put_on_agenda`).
 */
export async function putOnAgenda(deps: CoreDeps, who: Principal | undefined, id: string) {
  const me = requireRole(who, 'official', 'the commune’s officials put an initiative on the agenda');
  const { record, auditSeq } = await ofCommune(deps, me, id);
  if (record.agenda) throw new DomainError('wrong_state', 'the initiative is on the agenda already');
  const { standing, roll, day } = await standingOf(deps, record);
  if (standing.path === 'front_may_approve')
    throw new DomainError(
      'wrong_state',
      'fewer than 10 % of households consent and the Front has not approved it',
      undefined,
      'Chưa đủ 10% số hộ đồng thuận và Ban công tác Mặt trận chưa tán thành.',
    );
  const source = await load(deps, record.rollFrom);
  const kind = source.consultation.scope.kind === 'residential_group' ? 'residential_group' : 'hamlet';
  const round = await createConsultation(deps, me, draftRound(deps, record, kind));
  const consultationId = round.consultation.id;
  const path = standing.path;
  const next: InitiativeRecord = { ...record, agenda: { on: day, counted: standing.counted, households: new Set(roll).size, path, consultationId } };
  const event = await deps.store.putInitiative(
    next,
    audit(deps, actorOf(me), 'initiative_put_on_agenda', next, { consultationId, counted: standing.counted, households: next.agenda?.households, path }),
    auditSeq,
  );
  return { record: next, consultationId, event };
}

/** The Front working committee (a monitor) approves or declines an initiative under 10 %, once (`initiative_front_decided`). */
export async function decideByFront(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = requireRole(who, 'monitor', 'the Front working committee decides');
  const b = parse(FrontBody, body);
  const { record, auditSeq } = await ofCommune(deps, me, id);
  collecting(record);
  const { standing } = await standingOf(deps, record);
  if (standing.reached) throw new DomainError('wrong_state', '10 % of households consent: the village head puts it to the community');
  const next: InitiativeRecord = { ...record, front: { approved: b.approved, on: today(deps), ...(b.reason ? { reason: b.reason } : {}) } };
  return deps.store.putInitiative(
    next,
    audit(deps, actorOf(me), 'initiative_front_decided', next, { approved: b.approved, counted: standing.counted }),
    auditSeq,
  );
}

/** One initiative as anyone reads it (the public page): the record, where it stands, and its consents by roll id. */
export async function initiativeView(deps: CoreDeps, id: string) {
  const { record } = await stored(deps, id);
  return { record, ...(await standingOf(deps, record)) };
}

/** One initiative as its commune's staff read it, with its chain. */
export async function initiativeOf(deps: CoreDeps, who: Principal | undefined, id: string) {
  if (!who) throw new DomainError('unauthorized');
  const { record } = await ofCommune(deps, who, id);
  const [standing, log] = await Promise.all([standingOf(deps, record), deps.store.getInitiativeAudit(id)]);
  return { record, ...standing, log };
}

/** The commune's initiatives, newest first (staff of the commune). */
export async function listInitiatives(deps: CoreDeps, who: Principal | undefined): Promise<InitiativeRecord[]> {
  if (!who) throw new DomainError('unauthorized');
  return deps.store.listInitiatives(who.commune);
}
