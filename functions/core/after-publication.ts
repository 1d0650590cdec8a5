/**
 * What follows a published result, as the law says (domain.md "Sending the decision", "Recognition", "No complaint
 * window"): an official of the commune records that the decision was sent to UBND xã and to UBMTTQ xã (Law 10/2022
 * Art. 20(3)); the recognising body records its recognition, or its refusal with reasons (Art. 21(2)): UBND xã
 * (role `commune`) for community rules and the village head, UBMTTQ xã (a `monitor`) for the boards' members, never
 * the official who ran the round; UBND xã annuls a decision or asks the community to amend it (Art. 22). Each act is
 * an event of the live log, written only if the log has not moved since it was read (so no act is recorded twice),
 * and republishes the result page. A published result is never edited.
 */
import { DomainError } from '../../shared/errors.ts';
import {
  AFTER_PUBLICATION,
  afterPublicationOf,
  takesEffect,
  type AfterPublication,
  type Art22Body,
  type RecognitionBody,
  type SentBody,
} from '../../shared/recognition.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { holidaysOf, vietnamDate } from '../../shared/working-days.ts';
import { actorOf, load, loadForCommune, loadForOfficial, loadForRoles } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { republish } from './republish.ts';
import type { ConsultationRecord } from './store.ts';

/** The close of a published round (the day of the vote, or the end of the ballot or online period), or 409. */
function closedAtOf(rec: ConsultationRecord): string {
  const at = rec.closedAt ?? rec.publishedAt;
  if (rec.state !== 'published' || !at) throw new DomainError('wrong_state', `this follows a published result; this consultation is ${rec.state}`);
  return at;
}

/** A document's date: not before `earliest` (the vote, or the sending it answers), not after today in Vietnam. */
function checkDate(deps: CoreDeps, date: string, earliest: string): void {
  const today = vietnamDate(deps.clock.now());
  if (date < earliest || date > today)
    throw new DomainError('invalid_request', `the date must be from ${earliest} to ${today}`, [
      { path: 'date', message: `from ${earliest} (Vietnam time) to today, ${today}` },
    ]);
}

const has = (log: readonly AuditEvent[], ...actions: string[]) => log.some((e) => actions.includes(e.action));

/** Appends the act's event after the log as read, then republishes the result page. */
async function record(deps: CoreDeps, who: Principal, id: string, log: readonly AuditEvent[], action: string, data: Record<string, unknown>) {
  const at = instant(deps.clock.now());
  await deps.store.appendAudit(id, { at, actor: actorOf(who), action, data }, { after: log.at(-1)?.seq ?? 0 });
  await republish(deps, id, ['result']);
  return at;
}

/** An official records the sending of the decision to one body (`record_sent`), once per body. */
export async function recordSent(deps: CoreDeps, who: Principal | undefined, id: string, input: SentBody) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  const closedAt = closedAtOf(rec);
  checkDate(deps, input.date, vietnamDate(closedAt));
  const log = await deps.store.getAudit(id);
  if (log.some((e) => e.action === AFTER_PUBLICATION.sent && e.data.to === input.to))
    throw new DomainError('already_recorded', `the sending to ${input.to} is recorded already`);
  const data = { to: input.to, date: input.date, reference: input.reference };
  return { ...data, at: await record(deps, official, id, log, AFTER_PUBLICATION.sent, data) };
}

/**
 * The recognising body's answer (`recognized`, or `recognition_refused` with its reasons), once: UBND xã for
 * community rules and the village head, UBMTTQ xã for the boards' members; after the decision is recorded as sent to
 * that body; never for a matter that takes effect on the vote.
 */
export async function recognize(deps: CoreDeps, who: Principal | undefined, id: string, input: RecognitionBody) {
  const { rec, who: body } = await loadForRoles(deps, who, id, ['commune', 'monitor']);
  const effect = takesEffect(rec.consultation.matter);
  if (effect !== 'ubnd_xa' && effect !== 'ubmttq_xa')
    throw new DomainError('no_recognition_needed', `a ${rec.consultation.matter} decision needs no recognition`);
  if (body.role !== (effect === 'ubnd_xa' ? 'commune' : 'monitor'))
    throw new DomainError(
      'forbidden',
      effect === 'ubnd_xa' ? 'the commune People’s Committee recognises this' : 'the commune Fatherland Front committee recognises this',
    );
  closedAtOf(rec);
  if (input.decision === 'refused' && !input.reason)
    throw new DomainError('invalid_request', 'a refusal states its reasons', [{ path: 'reason', message: 'required' }]);
  const log = await deps.store.getAudit(id);
  if (has(log, AFTER_PUBLICATION.annulled)) throw new DomainError('wrong_state', 'the decision is annulled');
  if (has(log, AFTER_PUBLICATION.recognized, AFTER_PUBLICATION.refused)) throw new DomainError('already_recorded', 'the recognition is recorded already');
  const sent = log.find((e) => e.action === AFTER_PUBLICATION.sent && e.data.to === effect);
  if (!sent) throw new DomainError('not_sent', `the decision is not recorded as sent to ${effect}`);
  checkDate(deps, input.date, String(sent.data.date));
  const refused = input.decision === 'refused';
  const data = { body: effect, date: input.date, reference: input.reference, ...(refused ? { reason: input.reason } : {}) };
  const at = await record(deps, body, id, log, refused ? AFTER_PUBLICATION.refused : AFTER_PUBLICATION.recognized, data);
  return { decision: input.decision, ...data, at };
}

/** An act of UBND xã under Art. 22 on a community decision (an opinion is none), once. */
async function art22(deps: CoreDeps, who: Principal | undefined, id: string, input: Art22Body, action: string) {
  const { rec, who: commune } = await loadForCommune(deps, who, id);
  const closedAt = closedAtOf(rec);
  if (takesEffect(rec.consultation.matter) === 'none') throw new DomainError('wrong_state', 'an opinion is no decision of the community');
  checkDate(deps, input.date, vietnamDate(closedAt));
  const log = await deps.store.getAudit(id);
  if (has(log, action)) throw new DomainError('already_recorded', `${action} is recorded already`);
  if (has(log, AFTER_PUBLICATION.annulled)) throw new DomainError('wrong_state', 'the decision is annulled');
  const data = { date: input.date, reference: input.reference, reason: input.reason };
  return { ...data, at: await record(deps, commune, id, log, action, data) };
}

/** UBND xã annuls the decision (`annulled`, Art. 22(2)): contrary to law or custom, or passed out of procedure. */
export const annul = (deps: CoreDeps, who: Principal | undefined, id: string, input: Art22Body) => art22(deps, who, id, input, AFTER_PUBLICATION.annulled);

/** UBND xã asks the community to amend, supplement or replace the decision (`amendment_requested`, Art. 22(2)). */
export const requestAmendment = (deps: CoreDeps, who: Principal | undefined, id: string, input: Art22Body) =>
  art22(deps, who, id, input, AFTER_PUBLICATION.amendmentRequested);

/** Everything after publication, as anyone may read it: deadlines in working days, each act, overdue steps at the clock's now. */
export async function afterPublication(deps: CoreDeps, id: string): Promise<AfterPublication> {
  const rec = await load(deps, id);
  if (rec.state === 'draft') throw new DomainError('not_found', 'no such consultation');
  const closedAt = closedAtOf(rec);
  const log = await deps.store.getAudit(id);
  return afterPublicationOf({ matter: rec.consultation.matter, closedAt, log, holidays: holidaysOf(deps.profile), now: deps.clock.now() });
}
