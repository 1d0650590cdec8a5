import { describe, expect, it } from 'vitest';
import { complaintsSummary, complaintThreads, needsAnswer } from '../../shared/complaints.ts';
import type { Comment, HideReason } from '../../shared/discussion.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const complaint = (id: string, rollId: string, at: string): Comment => ({ id, consultationId: ID, rollId, text: `từ ${rollId}`, at, official: false });
const answer = (id: string, parent: string, at: string): Comment => ({ id, consultationId: ID, parent, text: 'trả lời', at, official: true });

describe('the public summary of petitions', () => {
  it('counts petitions and answered ones, oldest first, each with its answers, and has no window and no recognition', () => {
    const items = [
      complaint('01ARZ3NDEKTSV4RRFFQ69G5FB0', 'H-002', '2026-12-03T00:00:00Z'),
      answer('01ARZ3NDEKTSV4RRFFQ69G5FB2', '01ARZ3NDEKTSV4RRFFQ69G5FB1', '2026-12-04T00:00:00Z'),
      complaint('01ARZ3NDEKTSV4RRFFQ69G5FB1', 'H-001', '2026-12-02T00:00:00Z'),
    ];
    const s = complaintsSummary(items);
    expect(s).toMatchObject({ filed: 2, answered: 1 });
    // The law sets no complaint window, and recognition is a step of its own (shared/recognition.ts).
    expect(s).not.toHaveProperty('windowEnd');
    expect(s).not.toHaveProperty('recognition');
    expect(s.complaints.map((k) => [k.hidden ? undefined : k.rollId, k.answers.length])).toEqual([
      ['H-001', 1],
      ['H-002', 0],
    ]);
    expect(s).toMatchObject({ hidden: 0, hiddenByReason: {}, awaitingAnswer: 1 });
    expect(JSON.stringify(s)).not.toContain('author');
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
    const s = complaintsSummary(items);
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

  it('count towards what awaits an answer, but for spam', () => {
    const s = complaintsSummary([spam, personal, insult, offTopic, shown]);
    expect(s).toMatchObject({ filed: 5, answered: 0, hidden: 4, awaitingAnswer: 4, hiddenByReason: { spam: 1, personal_data: 1, insult: 1, off_topic: 1 } });
    expect(complaintsSummary([spam]).awaitingAnswer).toBe(0);
  });

  it('are threaded with their text for the officials, oldest first', () => {
    const t = complaintThreads([shown, spam, answer('01ARZ3NDEKTSV4RRFFQ69G5FD1', spam.id, '2026-12-08T00:00:00Z')]);
    expect(t.map((x) => [x.complaint.text, x.complaint.hidden?.reason, x.answers.length])).toEqual([
      ['bí mật của H-001', 'spam', 1],
      ['từ H-005', undefined, 0],
    ]);
  });
});
