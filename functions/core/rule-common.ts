/**
 * What the use cases of a community rule's process share (./rule-processes.ts, ./rule-adoption.ts): the form's
 * pieces as zod schemas, who may act, loading a rule process of the principal's commune, a step entry, and saving an
 * act as an event of the process's own chain, then publishing its pages again (./rule-pages.ts).
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { detailsOf } from '../../shared/issue-words.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { isIsoDate, vietnamDate } from '../../shared/working-days.ts';
import { actorOf } from './access.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';
import { isRuleProcess, publishRulePages, type RuleProcess } from './rule-pages.ts';

export const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
/** A line of text people write: NFC, trimmed, one line. */
export const Line = (max: number) =>
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
/** A text of several lines and paragraphs: NFC, trimmed, no control character but line breaks and tabs. */
export const Text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'required')
        .max(max, `at most ${max} characters`)
        .regex(/^(?:[^\p{Cc}\u2028\u2029]|[\n\t])*$/u, 'text'),
    );
export const Reference = Line(80).optional();
export const ProcessId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID');

export const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new DomainError('invalid_request', 'the form is not complete', detailsOf(r.error));
  return r.data;
};

export function official(who: Principal | undefined): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'official') throw new DomainError('forbidden', 'the commune’s officials record the steps');
  return who;
}

/** A community rule's process of the principal's commune; another commune's, or another kind, is as good as absent. */
export async function loadRule(deps: CoreDeps, who: Principal, id: string): Promise<{ record: RuleProcess; auditSeq: number }> {
  const stored = ProcessId.safeParse(id).success ? await deps.store.getProcess(id) : undefined;
  if (!stored || stored.record.commune !== who.commune || !isRuleProcess(stored.record)) throw new DomainError('not_found', 'no such community rule');
  return { record: stored.record, auditSeq: stored.auditSeq };
}

export const done = (r: RuleProcess, step: string) => r.steps.some((s) => s.step === step);
export const doneOn = (r: RuleProcess, step: string) => r.steps.find((s) => s.step === step)?.on;

export const stepEntry = (deps: CoreDeps, step: string, on: string, reference?: string) => ({
  step,
  on,
  at: instant(deps.clock.now()),
  ...(reference !== undefined ? { reference } : {}),
});

/** A refusal in both languages, naming the field. */
export const refuse = (path: string, en: string, vi: string) => new DomainError('invalid_request', en, [{ path, message: en }], vi);

/** A step is recorded once, once done (never a day in the future), and never after UBND xã decided. */
export function checkStep(deps: CoreDeps, r: RuleProcess, step: string, on: string): void {
  if (r.recognition) throw new DomainError('wrong_state', 'the round is decided', undefined, 'Ủy ban nhân dân cấp xã đã quyết định.');
  if (done(r, step)) throw new DomainError('already_recorded', `${step} is recorded`, undefined, 'Bước này đã được ghi nhận.');
  if (on > vietnamDate(deps.clock.now())) throw refuse('on', 'not in the future', 'Ngày thực hiện không được ở tương lai.');
}

/** Records the act with its event in the process's chain, then publishes the round's and the hamlet's pages. */
export async function saveRule(
  deps: CoreDeps,
  who: Principal,
  next: RuleProcess,
  prevSeq: number,
  action: string,
  data: Record<string, unknown>,
): Promise<AuditEvent> {
  const event = await deps.store.putProcess(next, { at: instant(deps.clock.now()), actor: actorOf(who), action, data: { process: next.id, ...data } }, prevSeq);
  try {
    await publishRulePages(deps, next);
  } catch (err) {
    // The act is recorded; the pages are published again with the next act.
    deps.log?.(`rule pages not published: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
  return event;
}

/**
 * A consultation round linked to the rule: of the same commune, on community rules (Law 10/2022 Art. 15(3)), and, to
 * hold the comments, disclosed; to have decided it, published.
 */
export async function checkLinkedRound(
  deps: CoreDeps,
  commune: string,
  id: string,
  need: 'disclosed' | 'published',
  path: string,
  method?: 'meeting' | 'household_ballot',
): Promise<void> {
  const rec = await deps.store.getConsultation(id, { counts: false });
  if (!rec || rec.consultation.commune !== commune) throw refuse(path, 'no such round', 'Không tìm thấy vòng lấy ý kiến này.');
  if (rec.consultation.matter !== 'community_rules')
    throw refuse(path, 'the round is not on a community rule', 'Vòng lấy ý kiến này không phải về hương ước, quy ước.');
  if (need === 'disclosed' && rec.state === 'draft') throw refuse(path, 'the round is not disclosed yet', 'Vòng lấy ý kiến này chưa được công bố.');
  if (need === 'published' && rec.state !== 'published') throw refuse(path, 'the round has no published result', 'Vòng lấy ý kiến này chưa công bố kết quả.');
  // The meeting's vote is a meeting round; a household ballot's is not (shared/methods.ts holds it to follow a meeting).
  if (method === 'meeting' && rec.consultation.method !== 'meeting')
    throw refuse(path, 'the meeting’s vote links to a meeting round', 'Kết quả cuộc họp phải gắn với vòng lấy ý kiến bằng hình thức họp.');
  if (method === 'household_ballot' && rec.consultation.method === 'meeting')
    throw refuse(path, 'the ballot links to a ballot round', 'Kết quả phát phiếu phải gắn với vòng lấy ý kiến bằng phiếu.');
}
