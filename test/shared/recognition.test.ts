import { describe, expect, it } from 'vitest';
import { afterPublicationOf, Art22Body, RecognitionBody, SentBody, takesEffect } from '../../shared/recognition.ts';
import type { AuditEvent } from '../../shared/schemas.ts';

describe('which body recognises a decision (Law 10/2022 Art. 21(2))', () => {
  it.each([
    ['contribution', 'on_vote'],
    ['contribution_management', 'on_vote'],
    ['other_self_managed', 'on_vote'],
    ['community_rules', 'ubnd_xa'],
    ['village_head', 'ubnd_xa'],
    ['election', 'ubnd_xa'],
    ['board_members', 'ubmttq_xa'],
    ['opinion', 'none'],
  ])('%s: %s', (matter, effect) => {
    expect(takesEffect(matter)).toBe(effect);
  });

  it('knows no other matter', () => {
    expect(() => takesEffect('referendum')).toThrow(RangeError);
  });
});

describe('the bodies of the acts', () => {
  it('a refusal states its reasons; a recognition needs none', () => {
    const base = { date: '2026-12-09', reference: '45/QĐ-UBND' };
    expect(RecognitionBody.safeParse({ ...base, decision: 'recognized' }).success).toBe(true);
    expect(RecognitionBody.safeParse({ ...base, decision: 'refused' }).success).toBe(false);
    expect(RecognitionBody.safeParse({ ...base, decision: 'refused', reason: '  ' }).success).toBe(false);
    expect(RecognitionBody.safeParse({ ...base, decision: 'refused', reason: 'Trái pháp luật' }).success).toBe(true);
    expect(RecognitionBody.safeParse({ ...base, decision: 'rejected' }).success).toBe(false);
  });

  it('a sending names one of the two bodies and a real date; an annulment states its reasons', () => {
    expect(SentBody.safeParse({ to: 'ubnd_xa', date: '2026-12-03', reference: '12/TB' }).success).toBe(true);
    expect(SentBody.safeParse({ to: 'ubnd_huyen', date: '2026-12-03', reference: '12/TB' }).success).toBe(false);
    expect(SentBody.safeParse({ to: 'ubnd_xa', date: '2026-02-30', reference: '12/TB' }).success).toBe(false);
    expect(Art22Body.safeParse({ date: '2026-12-03', reference: '1/QĐ' }).success).toBe(false);
  });
});

const event = (seq: number, action: string, data: Record<string, unknown>, at = '2026-12-03T03:00:00Z'): AuditEvent =>
  ({ kind: 'audit/1', seq, at, actor: { role: 'official', id: 'o1' }, action, data, prev: '0'.repeat(64), hash: '0'.repeat(64) }) as AuditEvent;

// Voting closed on Monday 7 December 2026: the decision goes out by Monday 14 December.
const CLOSED = '2026-12-07T10:00:00Z';
const view = (matter: string, log: AuditEvent[], now: string, holidays: string[] = []) =>
  afterPublicationOf({ matter, closedAt: CLOSED, log, holidays, now: new Date(now) });

describe('the state after publication', () => {
  it('sets the sending deadline 5 working days after the close and flags it overdue the day after, while a body is pending', () => {
    expect(view('contribution', [], '2026-12-14T16:00:00Z').sending).toEqual({
      deadline: '2026-12-14',
      sent: [],
      pending: ['ubnd_xa', 'ubmttq_xa'],
      overdue: false,
    });
    expect(view('contribution', [], '2026-12-14T17:00:00Z').sending.overdue).toBe(true);
    const one = [event(1, 'record_sent', { to: 'ubnd_xa', date: '2026-12-08', reference: '12/TB' })];
    expect(view('contribution', one, '2026-12-20T00:00:00Z').sending).toMatchObject({ pending: ['ubmttq_xa'], overdue: true });
  });

  it('is not overdue once both sendings are recorded, and marks a late one', () => {
    const log = [
      event(1, 'record_sent', { to: 'ubnd_xa', date: '2026-12-08', reference: '12/TB' }),
      event(2, 'record_sent', { to: 'ubmttq_xa', date: '2026-12-15', reference: '13/TB' }),
    ];
    const s = view('contribution', log, '2026-12-20T00:00:00Z').sending;
    expect(s.overdue).toBe(false);
    expect(s.sent.map((x) => [x.to, x.late])).toEqual([
      ['ubnd_xa', false],
      ['ubmttq_xa', true],
    ]);
  });

  it('counts the commune’s holidays in the deadline', () => {
    expect(view('contribution', [], '2026-12-01T00:00:00Z', ['2026-12-08']).sending.deadline).toBe('2026-12-15');
  });

  it('asks no recognition of a decision that takes effect on the vote, and no sending deadline of an opinion', () => {
    expect(view('contribution', [], '2026-12-20T00:00:00Z')).not.toHaveProperty('recognition');
    const opinion = view('opinion', [], '2026-12-20T00:00:00Z');
    expect(opinion).not.toHaveProperty('recognition');
    expect(opinion.sending).toEqual({ sent: [], pending: ['ubnd_xa', 'ubmttq_xa'], overdue: false });
  });

  it('runs the recognition deadline from the sending to the recognising body, and flags it overdue', () => {
    expect(view('community_rules', [], '2026-12-20T00:00:00Z').recognition).toEqual({ by: 'ubnd_xa', overdue: false });
    const log = [
      event(1, 'record_sent', { to: 'ubmttq_xa', date: '2026-12-08', reference: '13/TB' }),
      event(2, 'record_sent', { to: 'ubnd_xa', date: '2026-12-10', reference: '12/TB' }),
    ];
    expect(view('community_rules', log, '2026-12-17T16:00:00Z').recognition).toEqual({ by: 'ubnd_xa', deadline: '2026-12-17', overdue: false });
    expect(view('community_rules', log, '2026-12-17T17:00:00Z').recognition).toMatchObject({ deadline: '2026-12-17', overdue: true });
    expect(view('board_members', log, '2026-12-17T17:00:00Z').recognition).toMatchObject({ by: 'ubmttq_xa', deadline: '2026-12-15', overdue: true });
  });

  it('shows the recognition or the refusal with its reasons, an annulment and a request to amend', () => {
    const log = [
      event(1, 'record_sent', { to: 'ubnd_xa', date: '2026-12-08', reference: '12/TB' }),
      event(2, 'recognition_refused', { body: 'ubnd_xa', date: '2026-12-16', reference: '45/QĐ', reason: 'Sai thủ tục' }, '2026-12-16T02:00:00Z'),
      event(3, 'amendment_requested', { date: '2026-12-17', reference: '46/UBND', reason: 'Sai thủ tục' }, '2026-12-17T02:00:00Z'),
      event(4, 'annulled', { date: '2026-12-18', reference: '47/QĐ', reason: 'Trái pháp luật' }, '2026-12-18T02:00:00Z'),
    ];
    const r = view('village_head', log, '2026-12-30T00:00:00Z');
    expect(r.recognition).toEqual({
      by: 'ubnd_xa',
      deadline: '2026-12-15',
      overdue: false,
      decision: { decision: 'refused', date: '2026-12-16', reference: '45/QĐ', reason: 'Sai thủ tục', at: '2026-12-16T02:00:00Z', late: true },
    });
    expect(r.amendmentRequest).toEqual({ date: '2026-12-17', reference: '46/UBND', reason: 'Sai thủ tục', at: '2026-12-17T02:00:00Z' });
    expect(r.annulment).toMatchObject({ reference: '47/QĐ', reason: 'Trái pháp luật' });
  });
});
