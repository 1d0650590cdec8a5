import { describe, expect, it } from 'vitest';
import { complaintsSummary, complaintWindowEnd, RecognitionBody, windowEndOf } from '../../shared/complaints.ts';
import type { Comment } from '../../shared/discussion.ts';
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
    expect(s.complaints.map((k) => [k.rollId, k.answers.length])).toEqual([['H-001', 1], ['H-002', 0]]);
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
