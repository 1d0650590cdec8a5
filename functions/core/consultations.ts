/** Creating, editing, disclosing and listing consultations. */
import { DomainError } from '../../shared/errors.ts';
import { applyMeetingQuorum, checkConsultation } from '../../shared/matters.ts';
import type { Consultation, ConsultationInput, Household, State } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, load, loadForOfficial, requireOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';

function checked(deps: CoreDeps, input: ConsultationInput): ConsultationInput {
  const withQuorum = applyMeetingQuorum(input, deps.profile);
  const problems = checkConsultation(withQuorum, deps.profile);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_request',
      'the consultation does not follow the rules for its matter',
      problems.map((p) => ({ path: p.path.join('.'), message: p.message })),
    );
  }
  return withQuorum;
}

/** The round a new one follows must be a published round of the same commune. */
async function checkFollows(deps: CoreDeps, commune: string, follows: string | undefined): Promise<void> {
  if (follows === undefined) return;
  const earlier = await deps.store.getConsultation(follows);
  const problem =
    !earlier || earlier.consultation.commune !== commune
      ? 'no such consultation of this commune'
      : earlier.state !== 'published'
        ? `a new round follows a published one; that one is ${earlier.state}`
        : undefined;
  if (problem) throw new DomainError('invalid_request', 'the earlier round cannot be followed', [{ path: 'follows', message: problem }]);
}

export async function createConsultation(deps: CoreDeps, who: Principal | undefined, input: ConsultationInput): Promise<ConsultationRecord> {
  const official = requireOfficial(who);
  const body = checked(deps, input);
  await checkFollows(deps, official.commune, body.follows);
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
  await checkFollows(deps, rec.consultation.commune, body.follows);
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
  if (rec.state === 'draft' && (!who || who.commune !== rec.consultation.commune)) throw new DomainError('not_found', 'no such consultation');
  return rec;
}

/** The public list: every consultation that is not a draft, newest first, optionally of one state. */
export async function listConsultations(deps: CoreDeps, state?: State): Promise<ConsultationRecord[]> {
  const all = await deps.store.listConsultations();
  return all.filter((r) => r.state !== 'draft' && (state === undefined || r.state === state));
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
