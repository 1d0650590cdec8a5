import { describe, expect, it } from 'vitest';
import { complaintsSummary, complaintThreads, complaintWindowEnd, needsAnswer, RecognitionBody, windowEndOf } from '../../shared/complaints.ts';
import type { Comment, HideReason } from '../../shared/discussion.ts';
import type { AuditEvent } from '../../shared/schemas.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const event = (seq: number, action: string, data: Record<string, unknown>, at = '2026-12-01T01:00:00Z') =>
  ({ kind: 'audit/1', seq, at, actor: { role: 'official', id: 'a' }, action, data, prev: '0'.repeat(64), hash: '0'.repeat(64) }) as AuditEvent;
const complaint = (id: string, rollId: string, at: string): Comment => ({ id, consultationId: ID, rollId, text: `từ ${rollId}`, at, official: false });
const answer = (id: string, parent: string, at: string): Comment => ({ id, consultationId: ID, parent, text: 'trả lời', at, official: true });

describe('the complaint window', () => {
  it.each([
    ['2026-12-01T01:00:00Z', 10, '2026-12-11T01:00:00Z'],
    ['2026-12-25T16:59:59Z', 10, '2027-01-04T16:59:59Z'],
    ['2028-02-25T00:00:00Z', 5, '2028-03-01T00:00:00Z'],
    ['2026-12-01T01:00:00Z', 0, '2026-12-01T01:00:00Z'],
  ])('published at %s with %i days ends at %s', (publishedAt, days, end) => {
    expect(complaintWindowEnd(publishedAt, days)).toBe(end);
  });

  it('keeps the end fixed at publication even when the setting changes later', () => {
    const log = [event(1, 'published', { complaintsUntil: '2026-12-11T01:00:00Z' })];
    expect(windowEndOf(log, '2026-12-01T01:00:00Z', 30)).toBe('2026-12-11T01:00:00Z');
    expect(windowEndOf([], '2026-12-01T01:00:00Z', 30)).toBe('2026-12-31T01:00:00Z');
  });
});

describe('the public summary of complaints', () => {
  it('counts complaints and answered ones, oldest first, each with its answers, and shows the recognition', () => {
    const items = [
      complaint('01ARZ3NDEKTSV4RRFFQ69G5FB0', 'H-002', '2026-12-03T00:00:00Z'),
      answer('01ARZ3NDEKTSV4RRFFQ69G5FB2', '01ARZ3NDEKTSV4RRFFQ69G5FB1', '2026-12-04T00:00:00Z'),
      complaint('01ARZ3NDEKTSV4RRFFQ69G5FB1', 'H-001', '2026-12-02T00:00:00Z'),
    ];
    const log = [event(1, 'result_recognized', { decision: 'recognized', note: 'ghi chú' }, '2026-12-12T00:00:00Z')];
    const s = complaintsSummary(items, log, '2026-12-01T01:00:00Z', 10);
    expect(s).toMatchObject({ windowEnd: '2026-12-11T01:00:00Z', filed: 2, answered: 1, recognition: { at: '2026-12-12T00:00:00Z', note: 'ghi chú' } });
    expect(s.complaints.map((k) => [k.hidden ? undefined : k.rollId, k.answers.length])).toEqual([
      ['H-001', 1],
      ['H-002', 0],
    ]);
    expect(s).toMatchObject({ hidden: 0, hiddenByReason: {}, awaitingAnswer: 1 });
    expect(JSON.stringify(s)).not.toContain('author');
  });

  it('is not recognized until the event is in the log', () => {
    expect(complaintsSummary([], [], '2026-12-01T01:00:00Z', 10)).not.toHaveProperty('recognition');
  });

  it('accepts only the decision "recognized" with an optional note', () => {
    expect(RecognitionBody.safeParse({ decision: 'recognized' }).success).toBe(true);
    expect(RecognitionBody.safeParse({ decision: 'rejected' }).success).toBe(false);
    expect(RecognitionBody.safeParse({ decision: 'recognized', note: '   ' }).success).toBe(false);
  });
});

describe('hidden complaints', () => {
  const hide = (c: Comment, reason: HideReason): Comment => ({
    ...c,
    text: `bí mật của ${c.rollId}`,
    hidden: { reason, at: '2026-12-05T00:00:00Z', by: 'official-a' },
  });
  const spam = hide(complaint('01ARZ3NDEKTSV4RRFFQ69G5FC1', 'H-001', '2026-12-02T00:00:00Z'), 'spam');
  const personal = hide(complaint('01ARZ3NDEKTSV4RRFFQ69G5FC2', 'H-002', '2026-12-03T00:00:00Z'), 'personal_data');
  const insult = hide(complaint('01ARZ3NDEKTSV4RRFFQ69G5FC3', 'H-003', '2026-12-03T01:00:00Z'), 'insult');
  const offTopic = hide(complaint('01ARZ3NDEKTSV4RRFFQ69G5FC4', 'H-004', '2026-12-03T02:00:00Z'), 'off_topic');
  const shown = complaint('01ARZ3NDEKTSV4RRFFQ69G5FC5', 'H-005', '2026-12-04T00:00:00Z');

  it('keep their place, time, reason and answers in public, never their text, roll id or moderator', () => {
    const items = [spam, personal, answer('01ARZ3NDEKTSV4RRFFQ69G5FC9', personal.id, '2026-12-06T00:00:00Z'), shown];
    const s = complaintsSummary(items, [], '2026-12-01T01:00:00Z', 10);
    expect(s.complaints[1]).toEqual({
      id: personal.id,
      at: personal.at,
      hidden: { reason: 'personal_data', at: '2026-12-05T00:00:00Z' },
      answers: [{ id: '01ARZ3NDEKTSV4RRFFQ69G5FC9', text: 'trả lời', at: '2026-12-06T00:00:00Z' }],
    });
    expect(s.complaints[2]).toMatchObject({ rollId: 'H-005', text: 'từ H-005' });
    const json = JSON.stringify(s);
    for (const secret of ['bí mật', 'H-001', 'H-002', 'official-a']) expect(json).not.toContain(secret);
    expect(s).toMatchObject({ filed: 3, answered: 1, hidden: 2, hiddenByReason: { spam: 1, personal_data: 1 } });
  });

  it.each([
    ['spam', spam, false],
    ['personal data', personal, true],
    ['an insult', insult, true],
    ['off topic', offTopic, true],
    ['nothing (shown)', shown, true],
  ])('hidden as %s, an unanswered complaint needs an answer: %s', (_, c, needed) => {
    expect(needsAnswer({ complaint: c, answers: [] })).toBe(needed);
    expect(needsAnswer({ complaint: c, answers: [answer('01ARZ3NDEKTSV4RRFFQ69G5FD0', c.id, '2026-12-07T00:00:00Z')] })).toBe(false);
  });

  it('count towards what awaits an answer before the recognition, but for spam', () => {
    const s = complaintsSummary([spam, personal, insult, offTopic, shown], [], '2026-12-01T01:00:00Z', 10);
    expect(s).toMatchObject({ filed: 5, answered: 0, hidden: 4, awaitingAnswer: 4, hiddenByReason: { spam: 1, personal_data: 1, insult: 1, off_topic: 1 } });
    expect(complaintsSummary([spam], [], '2026-12-01T01:00:00Z', 10).awaitingAnswer).toBe(0);
  });

  it('are threaded with their text for the officials, oldest first', () => {
    const t = complaintThreads([shown, spam, answer('01ARZ3NDEKTSV4RRFFQ69G5FD1', spam.id, '2026-12-08T00:00:00Z')]);
    expect(t.map((x) => [x.complaint.text, x.complaint.hidden?.reason, x.answers.length])).toEqual([
      ['bí mật của H-001', 'spam', 1],
      ['từ H-005', undefined, 0],
    ]);
  });
});
