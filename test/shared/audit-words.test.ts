import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../functions/core/meeting-log.ts';
import { AGGREGATE_SIGNED, EFFECTIVE_DATE_SET } from '../../functions/core/commune-rounds.ts';
import { COMMUNE_NAMED } from '../../functions/core/commune-profile.ts';
import { LEDGER_ACTIONS, SCHEDULE_PUBLISHED } from '../../functions/core/contributions.ts';
import { RECORD_ACTIONS } from '../../functions/core/minutes-state.ts';
import { actorWords, auditWords, WORDED_ACTIONS } from '../../shared/audit-words.ts';
import { COMPLAINT_ANSWERED, COMPLAINT_FILED, COMPLAINT_HIDDEN } from '../../shared/complaints.ts';
import { AFTER_PUBLICATION } from '../../shared/recognition.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every `action: '...'` literal in the source of functions/. */
const literalActions = [
  ...new Set(
    sources(join(import.meta.dirname, '../../functions')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/action: ['"]([a-z_]+)['"]/g)].map((m) => m[1]!)),
  ),
].sort();

/**
 * Every action recorded by an expression rather than a literal (`action: SOME_CONSTANT`, `action: move.action`): each
 * must be one the list below covers, so a new constant cannot slip past without a sentence.
 */
const actionExpressions = [
  ...new Set(
    sources(join(import.meta.dirname, '../../functions')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\baction: ([A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]]*\])?)/g)].map((m) => m[1]!).filter((e) => e !== 'string'),
    ),
  ),
].sort();

/** The expressions whose actions `namedActions` lists, or that pass on an action written as a literal elsewhere. */
const COVERED_EXPRESSIONS = [
  /^ACTIONS\./,
  /^RECORD_ACTIONS\./,
  /^LEDGER_ACTIONS\[/,
  /^(SCHEDULE_PUBLISHED|AGGREGATE_SIGNED|EFFECTIVE_DATE_SET|COMMUNE_NAMED|COMPLAINT_FILED|COMPLAINT_ANSWERED|COMPLAINT_HIDDEN)$/,
  // lifecycle.ts's changeState and discussion.ts's hideOnBoard: their callers name the action by a literal or a constant.
  /^(move|event)\.action$/,
  // the monitors' page copies an event's action to show it, recording nothing.
  /^e\.action$/,
];

/** The actions named by constants rather than literals. */
const namedActions = [
  ...Object.values(ACTIONS),
  ...Object.values(RECORD_ACTIONS),
  ...Object.values(LEDGER_ACTIONS),
  ...Object.values(AFTER_PUBLICATION),
  SCHEDULE_PUBLISHED,
  AGGREGATE_SIGNED,
  EFFECTIVE_DATE_SET,
  COMMUNE_NAMED,
  COMPLAINT_FILED,
  COMPLAINT_ANSWERED,
  COMPLAINT_HIDDEN,
];

describe('the audit log in words', () => {
  it('the scan finds the actions recorded by literal', () => {
    expect(literalActions).toEqual(expect.arrayContaining(['created', 'roll_uploaded', 'voting_opened', 'closed', 'published', 'opinion_hidden']));
    expect(literalActions.length).toBeGreaterThan(15);
  });

  it('every action recorded by a constant or a passed-on value is one the named list covers', () => {
    expect(actionExpressions).toEqual(expect.arrayContaining(['COMMUNE_NAMED', 'move.action']));
    expect(actionExpressions.filter((e) => !COVERED_EXPRESSIONS.some((re) => re.test(e)))).toEqual([]);
  });

  it.each([...new Set([...literalActions, ...namedActions])])('%s has a sentence of its own', (action) => {
    expect(WORDED_ACTIONS).toContain(action);
    expect(auditWords(action, {}).vi).not.toMatch(/^Hành động:/);
  });

  it.each([
    ['roll_uploaded', { count: 8, byCategory: {} }, 'Đã tải danh sách hộ: 8 hộ', 'Roll uploaded: 8 households'],
    ['voting_opened', { households: 120, credentialsIssued: 120 }, 'Mở biểu quyết: 120 hộ, 120 mã', 'Voting opened: 120 households, 120 codes'],
    [
      'voting_opened',
      { households: 1200, credentialsIssued: 0, slipsIssued: 1200 },
      'Mở biểu quyết: 1.200 hộ, 1.200 phiếu',
      'Voting opened: 1,200 households, 1,200 slips',
    ],
    [
      'created',
      { consultationId: 'c1', title: 'Làm đường thôn Đông' },
      'Tạo cuộc lấy ý kiến: “Làm đường thôn Đông”',
      'Consultation created: “Làm đường thôn Đông”',
    ],
    [
      'paper_ballot_entered',
      { household: 'H-007', channel: 'paper' },
      'Nhập phiếu (phiếu giấy) của hộ H-007',
      'Ballot entered (paper ballot) for household H-007',
    ],
    ['closed', { consultationId: 'c1', reason: 'scheduled' }, 'Đóng biểu quyết theo lịch', 'Voting closed as scheduled'],
    ['closed', { consultationId: 'c1', reason: 'manual' }, 'Đóng biểu quyết', 'Voting closed'],
    [
      'closed',
      { consultationId: 'c1', reason: 'manual', early: true, earlyReason: 'Đã đủ số hộ' },
      'Đóng biểu quyết sớm hơn dự kiến, lý do: «Đã đủ số hộ»',
      'Voting closed before the planned time, reason: «Đã đủ số hộ»',
    ],
    ['closed', { consultationId: 'c1', reason: 'manual', early: true }, 'Đóng biểu quyết sớm hơn dự kiến', 'Voting closed before the planned time'],
    ['online_condition_recorded', { condition: 'ballot_team', size: 3 }, 'Ghi nhận điều kiện: tổ phát phiếu', 'Condition recorded: the ballot team'],
    [
      'record_sent',
      { to: 'ubnd_xa', date: '2026-12-10', reference: '12/TB' },
      'Gửi văn bản tới UBND xã: số 12/TB, ngày 10/12/2026',
      'Record sent to the commune People’s Committee: ref. 12/TB, dated 10/12/2026',
    ],
    [
      'voting_opened',
      { households: 40, credentialsIssued: 40, disclosure: { days: 2, disclosedAt: null, earliest: null, overrideReason: 'Mưa bão sắp đến' } },
      'Mở biểu quyết: 40 hộ, 40 mã (mở sớm hơn thời hạn thông báo, lý do: «Mưa bão sắp đến»)',
      'Voting opened: 40 households, 40 codes (opened before the notice ran out, reason: «Mưa bão sắp đến»)',
    ],
    [
      'cancelled',
      { from: 'draft', to: 'cancelled' },
      'Hủy cuộc lấy ý kiến khi còn là dự thảo (chưa công khai)',
      'Consultation cancelled while still a draft (never disclosed)',
    ],
    ['cancelled', { from: 'disclosure', to: 'cancelled' }, 'Hủy cuộc lấy ý kiến đã công khai', 'Disclosed consultation cancelled'],
    ['effective_date_set', { groupId: 'g1', date: '2027-01-05', reference: '3/QĐ' }, 'Định ngày có hiệu lực: 05/01/2027', 'Effective date set: 05/01/2027'],
    ['commune_named', { commune: 'xa-an-binh', name: 'Xã An Bình' }, 'Đặt tên hiển thị của xã: “Xã An Bình”', 'Commune’s display name set: “Xã An Bình”'],
    [
      'commune_named',
      { commune: 'xa-an-binh', name: 'Xã An Bình', province: 'Tỉnh Hưng Yên' },
      'Đặt tên hiển thị của xã: “Xã An Bình” (Tỉnh Hưng Yên)',
      'Commune’s display name set: “Xã An Bình” (Tỉnh Hưng Yên)',
    ],
  ])('%s with %j reads “%s”', (action, data, vi, en) => {
    expect(auditWords(action, data)).toEqual({ vi, en });
  });

  it('Vietnamese sentences are NFC', () => {
    for (const action of WORDED_ACTIONS) {
      const { vi } = auditWords(action, { title: 'x', household: 'h', count: 1 });
      expect(vi, action).toBe(vi.normalize('NFC'));
    }
  });

  it('an unknown action is named as it is', () => {
    expect(auditWords('moon_landed', { x: 1 })).toEqual({ vi: 'Hành động: moon_landed', en: 'Action: moon_landed' });
    expect(auditWords('toString', {})).toEqual({ vi: 'Hành động: toString', en: 'Action: toString' });
  });

  it('an actor is named by role in Vietnamese, an unknown role as it is', () => {
    expect(['official', 'monitor', 'system', 'commune'].map((r) => actorWords(r).vi)).toEqual(['Cán bộ', 'Giám sát viên', 'Hệ thống', 'UBND xã']);
    expect(actorWords('robot')).toEqual({ vi: 'robot', en: 'robot' });
  });
});
