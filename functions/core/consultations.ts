/** Creating, editing, disclosing and listing consultations. */
import { DomainError } from '../../shared/errors.ts';
import { applyMeetingAttendance, checkConsultation } from '../../shared/matters.ts';
import { type FollowedRound, methodProblems, methodRule } from '../../shared/methods.ts';
import { type Consultation, type ConsultationInput, type Household, Manifest, type OutcomeStatus, State } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial, requireOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationPage, ConsultationRecord } from './store.ts';

function lawRefusal(words: { vi: string; en: string }, path: string): DomainError {
  return new DomainError('method_not_allowed', words.en, [{ path, message: words.vi }], words.vi);
}

function checked(deps: CoreDeps, input: ConsultationInput): ConsultationInput {
  const withAttendance = applyMeetingAttendance(input, deps.profile);
  const problems = checkConsultation(withAttendance, deps.profile);
  const method = problems.find((p) => p.code === 'method_not_allowed');
  if (method?.words) throw lawRefusal(method.words, 'method');
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_request',
      'the consultation does not follow the rules for its matter',
      problems.map((p) => ({ path: p.path.join('.'), message: p.message })),
    );
  }
  return withAttendance;
}

/** The outcome of each question of a published round, read from its signed manifest on the site. */
async function publishedOutcomes(deps: CoreDeps, id: string): Promise<OutcomeStatus[]> {
  const bytes = await deps.publisher.get(`c/${id}/result.json`);
  if (!bytes) return [];
  const parsed = Manifest.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  return parsed.success ? parsed.data.tally.map((t) => t.outcome.status) : [];
}

/**
 * The round a new one follows must be a published round of the same commune; a household-ballot round of a matter
 * a meeting decides first must follow a meeting of that matter that ended `not_enough_present` (shared/methods.ts).
 */
async function checkFollows(deps: CoreDeps, commune: string, body: ConsultationInput): Promise<void> {
  const earlier = body.follows === undefined ? undefined : await deps.store.getConsultation(body.follows);
  const followed: FollowedRound | undefined =
    earlier && earlier.consultation.commune === commune
      ? {
          commune,
          scope: earlier.consultation.scope,
          matter: earlier.consultation.matter,
          method: earlier.consultation.method,
          state: earlier.state,
          outcomes: earlier.state === 'published' ? await publishedOutcomes(deps, earlier.consultation.id) : [],
        }
      : undefined;
  const [law] = methodProblems(body, commune, followed);
  if (law) throw lawRefusal(law.words, law.path.join('.'));
  if (body.follows === undefined) return;
  const problem = !followed
    ? 'no such consultation of this commune'
    : followed.state !== 'published'
      ? `a new round follows a published one; that one is ${followed.state}`
      : undefined;
  if (problem) throw new DomainError('invalid_request', 'the earlier round cannot be followed', [{ path: 'follows', message: problem }]);
}

export async function createConsultation(deps: CoreDeps, who: Principal | undefined, input: ConsultationInput): Promise<ConsultationRecord> {
  const official = requireOfficial(who);
  const body = checked(deps, input);
  await checkFollows(deps, official.commune, body);
  const consultation: Consultation = { id: deps.ids.ulid(), commune: official.commune, ...body };
  const now = instant(deps.clock.now());
  await deps.store.createConsultation(consultation, now, {
    at: now,
    actor: actorOf(official),
    action: 'created',
    data: { consultationId: consultation.id, title: consultation.title, ...(consultation.follows ? { follows: consultation.follows } : {}) },
  });
  return load(deps, consultation.id, true);
}

export async function updateConsultation(deps: CoreDeps, who: Principal | undefined, id: string, input: ConsultationInput): Promise<ConsultationRecord> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft') throw new DomainError('wrong_state', `only a draft can be edited; this consultation is ${rec.state}`);
  const body = checked(deps, input);
  await checkFollows(deps, rec.consultation.commune, body);
  const now = instant(deps.clock.now());
  await deps.store.updateDraft({ id, commune: rec.consultation.commune, ...body }, now, {
    at: now,
    actor: actorOf(official),
    action: 'edited',
    data: { title: body.title },
  });
  return load(deps, id, true);
}

/** A consultation as the API shows it; drafts only to the officials of their commune. */
export async function getConsultation(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationRecord> {
  const rec = await load(deps, id, true);
  const own = who !== undefined && who.commune === rec.consultation.commune;
  if (rec.state === 'draft' && !own) throw new DomainError('not_found', 'no such consultation');
  // A draft cancelled before it was disclosed was never public: to all but its officials it is as if it never existed,
  // as in the lists.
  if (rec.state === 'cancelled' && !(own && who.role === 'official') && !(await deps.store.getAudit(id)).some((e) => e.action === 'disclosed'))
    throw new DomainError('not_found', 'no such consultation');
  return rec;
}

/** The public list: every consultation that is not a draft, newest first, optionally of one state. */
export async function listConsultations(deps: CoreDeps, state?: State): Promise<ConsultationRecord[]> {
  const all = await deps.store.listConsultations();
  return all.filter((r) => r.state !== 'draft' && (state === undefined || r.state === state));
}

/** The lists' pages: 50 consultations unless asked, at most 200. */
export const PAGE_LIMIT = { default: 50, max: 200 } as const;

export interface PageRequest {
  commune?: string;
  state?: State;
  /** The `cursor` of the page before, as the store gave it. */
  cursor?: string;
  limit?: number;
}

/**
 * One page of the consultations' list as summaries, newest first, of one commune or all. Drafts, and drafts cancelled
 * before they were disclosed, are listed only to an official asking for their own commune's list; everyone else sees
 * the consultations that were made public.
 */
export async function listConsultationPage(deps: CoreDeps, who: Principal | undefined, request: PageRequest): Promise<ConsultationPage> {
  const drafts = who?.role === 'official' && request.commune !== undefined && request.commune === who.commune;
  const visible = State.options.filter((s) => drafts || s !== 'draft');
  if (request.state !== undefined && !visible.includes(request.state)) return { items: [] };
  const asked = request.limit !== undefined && Number.isFinite(request.limit) ? Math.trunc(request.limit) : PAGE_LIMIT.default;
  const limit = Math.min(Math.max(asked, 1), PAGE_LIMIT.max);
  const page = await deps.store.listConsultationPage({
    ...(request.commune !== undefined ? { commune: request.commune } : {}),
    state: request.state ?? visible,
    ...(request.cursor !== undefined ? { cursor: request.cursor } : {}),
    limit,
  });
  if (drafts) return page;
  // A draft cancelled before it was disclosed was never public: only the audit logs of the page's cancelled rounds
  // (few, and short) are read to tell. The page may then hold fewer than asked; its cursor still goes on from there.
  const neverPublic = new Set<string>();
  await Promise.all(
    page.items
      .filter((s) => s.state === 'cancelled')
      .map(async (s) => {
        if (!(await deps.store.getAudit(s.id)).some((e) => e.action === 'disclosed')) neverPublic.add(s.id);
      }),
  );
  return neverPublic.size === 0 ? page : { ...page, items: page.items.filter((s) => !neverPublic.has(s.id)) };
}

export async function uploadRoll(deps: CoreDeps, who: Principal | undefined, id: string, households: Household[]) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'draft' && rec.state !== 'disclosure')
    throw new DomainError('wrong_state', `the roll is frozen once voting opens; this consultation is ${rec.state}`);
  const seen = new Set<string>();
  const dups = households.flatMap((h, i) => {
    if (!seen.has(h.id)) {
      seen.add(h.id);
      return [];
    }
    return [{ path: `households.${i}.id`, message: `household id ${h.id} appears twice` }];
  });
  if (dups.length > 0) throw new DomainError('invalid_request', 'the roll has duplicate household ids', dups);
  const byCategory: Record<string, number> = { standard: 0, poor: 0, near_poor: 0, policy: 0 };
  for (const h of households) byCategory[h.category] = (byCategory[h.category] ?? 0) + 1;
  const now = instant(deps.clock.now());
  await deps.store.replaceRoll(id, households, now, {
    at: now,
    actor: actorOf(official),
    action: 'roll_uploaded',
    data: { count: households.length, byCategory },
  });
  return { count: households.length, byCategory };
}

/**
 * The draft of the round that follows a published one (nothing adopted, a correction, or, after a meeting that had
 * too few households present, the household ballots that the law puts next: Art. 19(1)(b)). Not saved.
 */
export async function nextRoundDraft(deps: CoreDeps, who: Principal | undefined, id: string): Promise<ConsultationInput> {
  const { rec } = await loadForOfficial(deps, who, id);
  if (rec.state !== 'published') throw new DomainError('wrong_state', `a new round follows a published one; this consultation is ${rec.state}`);
  const { id: _id, commune: _commune, documents: _documents, follows: _follows, ...input } = rec.consultation;
  const short = rec.consultation.method === 'meeting' && (await publishedOutcomes(deps, id)).includes('not_enough_present');
  const followUp = short && methodRule(input.matter, 'household_ballot', input.scope).needsFollows;
  // A household ballot has no attendance rule: the attendance belonged to the meeting.
  const questions = followUp ? input.questions.map(({ rule: { attendance: _a, quorum: _q, ...rule }, ...q }) => ({ ...q, rule })) : input.questions;
  return { ...input, questions, ...(followUp ? { method: 'household_ballot' as const } : {}), follows: id };
}
