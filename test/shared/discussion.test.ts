import { describe, expect, it } from 'vitest';
import { answeredQuestions, Comment, COMMENT_MAX, overLimit, publicView, threads } from '../../shared/discussion.ts';

const CID = '01JAAAAAAAAAAAAAAAAAAAAAAA';
let seq = 0;
const ulid = () => `01J${String(seq++).padStart(23, '0')}`;
const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, '0')}:00Z`;
const resident = (minute: number, more: Partial<Comment> = {}): Comment => ({
  id: ulid(),
  consultationId: CID,
  rollId: 'H001',
  text: 'Ý kiến',
  at: at(minute),
  official: false,
  ...more,
});
const answer = (minute: number, parent: string, more: Partial<Comment> = {}): Comment => ({
  id: ulid(),
  consultationId: CID,
  parent,
  text: 'Giải trình',
  at: at(minute),
  official: true,
  ...more,
});

describe('the comment schema', () => {
  it("accepts a resident's comment and an official's answer and normalizes text to NFC", () => {
    const decomposed = 'Đu\u031bo\u031b\u0300ng'; // "Đường" typed with combining marks
    const parsed = Comment.parse(resident(1, { text: decomposed }));
    expect(parsed.text).toBe('Đường'.normalize('NFC'));
    expect(parsed.text).not.toBe(decomposed);
    expect(Comment.safeParse(answer(2, ulid())).success).toBe(true);
  });

  it.each([
    ['empty text', { text: '' }],
    ['blank text', { text: '   ' }],
    ['text over the limit', { text: 'x'.repeat(COMMENT_MAX + 1) }],
    ['an author name over 80 characters', { author: 'a'.repeat(81) }],
    ['an unknown hide reason', { hidden: { reason: 'rude', at: at(3), by: 'o' } }],
    ["a resident's comment without a roll id", { rollId: undefined }],
    ["an official's answer with a roll id", { official: true }],
  ])('refuses %s', (_name, more) => {
    expect(Comment.safeParse({ ...resident(1), ...more }).success).toBe(false);
  });

  it('keeps a text of exactly the limit and markup as given', () => {
    expect(Comment.parse(resident(1, { text: 'x'.repeat(COMMENT_MAX) })).text).toHaveLength(COMMENT_MAX);
    expect(Comment.parse(resident(1, { text: '<script>alert(1)</script>' })).text).toBe('<script>alert(1)</script>');
  });
});

describe('threads', () => {
  it("puts top-level comments newest first and each one's replies oldest first", () => {
    const q1 = resident(1);
    const q2 = resident(5);
    const late = answer(9, q1.id);
    const early = resident(3, { parent: q1.id, rollId: 'H002' });
    const t = threads([late, q1, early, q2]);
    expect(t.map((x) => x.comment.id)).toEqual([q2.id, q1.id]);
    expect(t[1]!.replies.map((r) => r.id)).toEqual([early.id, late.id]);
    expect(t[0]!.replies).toEqual([]);
  });

  it('leaves out a reply to a reply and a reply whose question is missing', () => {
    const q = resident(1);
    const r = resident(2, { parent: q.id });
    const deeper = resident(3, { parent: r.id });
    const orphan = resident(4, { parent: ulid() });
    const t = threads([q, r, deeper, orphan]);
    expect(t).toHaveLength(1);
    expect(t[0]!.replies.map((x) => x.id)).toEqual([r.id]);
  });
});

describe('publicView', () => {
  it('replaces a hidden comment by its reason, counts it, and never shows its text, name or moderator', () => {
    const q = resident(1, { author: 'Nguyễn Văn A', text: 'số điện thoại 0900000000', hidden: { reason: 'personal_data', at: at(2), by: 'official-a' } });
    const ok = resident(3, { author: 'Chị Lan' });
    const v = publicView([q, ok]);
    expect(v.total).toBe(2);
    expect(v.hidden).toBe(1);
    const placeholder = v.threads.find((t) => t.comment.id === q.id)!.comment;
    expect(placeholder).toEqual({ id: q.id, at: q.at, official: false, hidden: { reason: 'personal_data', at: at(2) } });
    expect(JSON.stringify(v)).not.toContain('0900000000');
    expect(JSON.stringify(v)).not.toContain('official-a');
    expect(JSON.stringify(v)).not.toContain('Nguyễn Văn A');
    expect(v.threads.find((t) => t.comment.id === ok.id)!.comment).toMatchObject({ rollId: 'H001', author: 'Chị Lan', text: 'Ý kiến' });
  });

  it('shows a comment by roll id only when the resident gave no name', () => {
    const v = publicView([resident(1)]);
    expect(v.threads[0]!.comment).not.toHaveProperty('author');
    expect(v.threads[0]!.comment).toHaveProperty('rollId', 'H001');
  });

  it('counts as answered only visible questions with a visible official answer', () => {
    const q1 = resident(1);
    const q2 = resident(2);
    const q3 = resident(3, { hidden: { reason: 'spam', at: at(4), by: 'o' } });
    const v = publicView([
      q1,
      q2,
      q3,
      answer(5, q1.id),
      resident(6, { parent: q2.id }),
      answer(7, q2.id, { hidden: { reason: 'off_topic', at: at(8), by: 'o' } }),
      answer(9, q3.id),
    ]);
    expect(v.answered).toBe(1);
    expect(answeredQuestions([q1, q2, answer(5, q1.id)]).map((x) => x.question.id)).toEqual([q1.id]);
  });
});

describe('overLimit', () => {
  const now = new Date(at(30));
  const limits = { perWindow: 2, windowMs: 10 * 60_000, perConsultation: 3 };
  it('refuses a third comment in ten minutes but not one after the window', () => {
    expect(overLimit([resident(25), resident(29)], 'H001', now, limits)).toBe(true);
    expect(overLimit([resident(15), resident(29)], 'H001', now, limits)).toBe(false);
  });
  it("counts only the household's own comments, not officials' answers or other households'", () => {
    expect(overLimit([resident(25, { rollId: 'H002' }), resident(29, { rollId: 'H002' }), answer(28, ulid()), answer(29, ulid())], 'H001', now, limits)).toBe(
      false,
    );
  });
  it('refuses past the per-consultation total however slowly they came', () => {
    expect(overLimit([resident(1), resident(5), resident(10)], 'H001', now, limits)).toBe(true);
  });
});
