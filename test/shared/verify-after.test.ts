import { beforeAll, describe, expect, it } from 'vitest';
import { sealEvent, toAuditJsonl } from '../../shared/audit.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import {
  adoptedLevel,
  appendEntry,
  dueSchedule,
  scheduleCsv,
  toLedgerJsonl,
  type LedgerEntry,
  type LedgerEvent,
  type Schedule,
} from '../../shared/contributions.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { encodeJws } from '../../shared/jws.ts';
import { draftCounting, draftDecision, minutesHash, signMinutes, type CountingRecord, type DecisionRecord, type MinutesRole } from '../../shared/minutes.ts';
import type { Answers, AuditEvent, Consultation, Household } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { verifyAfter, type AfterCheck, type AfterStep } from '../../shared/verify-after/index.ts';
import { auditLog, ballotOf, CONSULTATION_ID, makeSigning, nonceOf, publish, type Signing } from './bundle-fixture.ts';

/** Six households, one poor (exempt) and one near-poor (half); five vote for 300,000 dong a household, one against. */
const road: Consultation = {
  id: CONSULTATION_ID,
  commune: 'xa-an-binh',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Bê tông hóa đường thôn Đông',
  description: 'Đường dài 500 m.',
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-11-20T10:00:00Z',
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Tán thành mức đóng góp 300.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
  ],
  contribution: {
    totalCost: 900_000_000,
    stateBudget: 898_500_000,
    residentsShare: 1_500_000,
    basis: 'per_household',
    amountPerUnit: 300_000,
    exemptions: [
      { category: 'poor', percent: 100 },
      { category: 'near_poor', percent: 50 },
    ],
  },
};
const households: Pick<Household, 'id' | 'category' | 'members'>[] = Array.from({ length: 6 }, (_, i) => ({
  id: `DG-00${i + 1}`,
  category: i === 0 ? 'poor' : i === 1 ? 'near_poor' : 'standard',
  members: 2 + i,
}));
const PUBLISHED_AT = '2026-11-20T10:00:05Z';
const AT = '2026-11-21T02:00:00Z';
const signers = { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: ['DG-003', 'DG-004'] as const };
const letterhead = { authority: 'UBND xã An Bình', unit: 'Thôn Đông' };
const REASON = 'Mùa mưa bão sắp đến, cần làm đường sớm.';
/** The paper copy signed by hand, scanned: a PDF's bytes. */
const SCAN = utf8('%PDF-1.4 the paper record, signed by hand');
const SCAN_NAME = `record/scans/${sha256Hex(SCAN)}.pdf`;

/** The fixture's log with a disclosure and an opening before the notice ran out, with its reason. */
function openedEarlyLog(): AuditEvent[] {
  const events: AuditEvent[] = [];
  const add = (at: string, action: string, data: Record<string, unknown>) =>
    events.push(sealEvent(events.at(-1), { at, actor: { role: 'official', id: 'official-1' }, action, data }));
  add('2026-10-20T08:00:00Z', 'created', { consultationId: CONSULTATION_ID });
  add('2026-10-30T08:00:00Z', 'disclosed', {});
  add('2026-11-01T00:00:00Z', 'voting_opened', {
    disclosure: { days: 30, disclosedAt: '2026-10-30T08:00:00Z', earliest: '2026-11-29T08:00:00Z', overrideReason: REASON },
  });
  add('2026-11-20T10:00:00Z', 'closed', { reason: 'scheduled' });
  return events;
}
const official = { role: 'official' as const, id: 'official-1' };

type Files = Record<string, Uint8Array>;
const bytesEqualTo = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
type Officer = Signing & { jwk: JsonWebKey };

let bundle: Files;
let manifestHash: string;
let minutes: DecisionRecord;
let counting: CountingRecord;
let schedule: Schedule;
let keys: Record<MinutesRole, Officer>;
let liveLog: AuditEvent[];

async function officer(): Promise<Officer> {
  const s = await makeSigning();
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', s.keys.publicKey);
  return { ...s, jwk: { kty, crv, x, y } };
}

const sign = (role: MinutesRole, over: { minutes?: DecisionRecord; by?: MinutesRole } = {}) =>
  signMinutes({ minutes: over.minutes ?? minutes, role, at: AT, jwk: keys[over.by ?? role].jwk }, keys[over.by ?? role].sign);

/** A ledger of these entries, a day apart unless `at` says when each was recorded. */
function ledgerOf(entries: LedgerEntry[], at: (i: number) => string = (i) => `2026-11-2${2 + i}T03:00:00Z`): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const [i, entry] of entries.entries()) events.push(appendEntry(events, { at: at(i), actor: official, entry }));
  return events;
}
/** The same entries recorded a minute apart, as an official enters a stack of receipts. */
const minuteApart = (i: number) => `2026-11-22T03:0${i}:00Z`;
const ENTRIES: LedgerEntry[] = [
  { type: 'collection', rollId: 'DG-003', amount: 300_000, date: '2026-11-22', receiptNo: '0001' },
  { type: 'collection', rollId: 'DG-002', amount: 150_000, date: '2026-11-22', receiptNo: '0002' },
  { type: 'spending', amount: 200_000, date: '2026-11-23', purpose: 'Mua xi măng' },
];

/**
 * Every file of a published round: the bundle, the decision record signed by both officers, the counting record, a
 * scan of the paper copy, the schedule and a ledger of three entries.
 */
async function published(): Promise<Files> {
  const ledger = ledgerOf(ENTRIES);
  return {
    ...bundle,
    'record/decision.json': jcsBytes(minutes),
    'record/counting.json': jcsBytes(counting),
    'record/signatures/village_head.jws': utf8(await sign('village_head')),
    'record/signatures/front_head.jws': utf8(await sign('front_head')),
    [SCAN_NAME]: SCAN,
    'contributions/schedule.json': jcsBytes(schedule),
    'contributions/schedule.csv': scheduleCsv(schedule, ledger),
    'contributions/ledger.jsonl': toLedgerJsonl(ledger),
  };
}

const byStep = (checks: AfterCheck[]) => Object.fromEntries(checks.map((c) => [c.step, c]));
const verdicts = (checks: AfterCheck[]) => Object.fromEntries(checks.map((c) => [c.step, c.absent ? 'absent' : c.ok ? 'pass' : 'fail']));
// No risk-limiting audit in this fixture: R1 tells it is not published (its own tests: verify-after/rla.test.ts).
const ALL_PASS = { M1: 'pass', M2: 'pass', M3: 'pass', M4: 'pass', C1: 'pass', C2: 'pass', C3: 'pass', C4: 'pass', R1: 'absent' };
const live = () => toAuditJsonl(liveLog);

/** The verdicts after a tampering, and the failing checks' details. */
async function afterTampering(change: (files: Files) => void | Promise<void>, withLog = true) {
  const files = await published();
  await change(files);
  const report = await verifyAfter(files, withLog ? { audit: live() } : {});
  return { report, verdicts: verdicts(report.checks), detail: (step: AfterStep) => byStep(report.checks)[step]!.detail };
}

beforeAll(async () => {
  const rollIds = households.map((h) => h.id);
  const votes: Answers[] = [{ q1: 'yes' }, { q1: 'yes' }, { q1: 'yes' }, { q1: 'no' }, { q1: 'yes' }, { q1: 'yes' }];
  const ballots = votes.map((answers, i) => ballotOf(answers, nonceOf(i)));
  const input = {
    consultation: road,
    rollIds,
    participants: rollIds.map((id) => ({ id, channel: 'paper' as const })),
    ballots,
    audit: openedEarlyLog(),
    closedAt: '2026-11-20T10:00:00Z',
    publishedAt: PUBLISHED_AT,
    tally: tally(
      road,
      ballots.map((b) => b.answers),
      rollIds.length,
    ),
  };
  bundle = await publish(input, await makeSigning());
  manifestHash = sha256Hex(bundle['result.json']!);
  const manifest = JSON.parse(fromUtf8(bundle['result.json']!));
  const base = { consultation: road, manifest, manifestHash, rollIds, participantIds: rollIds };
  minutes = draftDecision({
    ...base,
    audit: openedEarlyLog(),
    entries: {
      form: 'nghi_quyet',
      letterhead,
      place: 'Nhà văn hóa thôn Đông',
      summary: 'Bàn về chủ trương và mức đóng góp.',
      discussion: [{ question: 'Ai giám sát thi công?', answers: ['Ban giám sát đầu tư của cộng đồng.'] }],
      signers,
    },
  });
  expect(minutes.departures.map((d) => d.reason)).toEqual([REASON]);
  counting = draftCounting({
    ...base,
    entries: {
      letterhead,
      place: 'Nhà văn hóa thôn Đông',
      at: '2026-11-20T11:00:00Z',
      members: [
        { name: 'Trần Văn Cường', role: 'Tổ trưởng' },
        { name: 'Phạm Thị Dung', role: 'Thành viên' },
        { name: 'Hoàng Văn Em', role: 'Thành viên' },
      ],
      witnesses: ['DG-005', 'DG-006'],
      spoiled: 1,
    },
  });
  const level = adoptedLevel(road, manifest);
  expect(level).toEqual({ questionId: 'q1', amountPerUnit: 300_000 });
  schedule = dueSchedule({ consultation: road, households, level: level! });
  keys = { village_head: await officer(), front_head: await officer() };
  liveLog = openedEarlyLog();
  const add = (action: string, data: Record<string, unknown>) =>
    liveLog.push(sealEvent(liveLog.at(-1), { at: PUBLISHED_AT, actor: { role: 'system', id: 'closer' }, action, data }));
  add('schedule_published', { sha256: sha256Hex(jcsBytes(schedule)), households: 6, due: schedule.totals.due });
  add('published', { consultationId: CONSULTATION_ID });
  add('record_scan_added', { document: 'decision', sha256: sha256Hex(SCAN), file: SCAN_NAME, bytes: SCAN.length, mediaType: 'application/pdf' });
});

describe('verifying the record and the contributions published after the result', () => {
  it('passes every check on a faithful round: the record signed by both officers, its scan, the schedule, the ledger and the live log', async () => {
    const report = await verifyAfter(await published(), { audit: live() });
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(report.ok).toBe(true);
    const m3 = byStep(report.checks).M3!;
    expect(m3.signed!.map((s) => [s.role, s.kid])).toEqual([
      ['village_head', keys.village_head.kid],
      ['front_head', keys.front_head.kid],
    ]);
    expect(m3.missing).toEqual([]);
    // Each signer's kid, to compare with what the officers wrote on the paper copy.
    expect(m3.detail).toBe(
      `Đã ký đủ: Trưởng thôn (khóa ${keys.village_head.kid}), Trưởng ban công tác Mặt trận (khóa ${keys.front_head.kid}) / ` +
        `signed by all: village head (key ${keys.village_head.kid}), head of the Front working committee (key ${keys.front_head.kid})`,
    );
    expect(byStep(report.checks).M2!.detail).toBe('Khớp từng byte: decision.json, counting.json / byte for byte: decision.json, counting.json');
    expect(byStep(report.checks).M4!.detail).toBe('1 bản chụp khớp tên tệp và nhật ký / 1 scan(s) match their names and the log');
    expect(byStep(report.checks).C1!.detail).toBe(
      '6 hộ, 300.000 đồng mỗi đơn vị, tổng phải đóng 1.350.000 đồng / 6 households at 300000 dong a unit, 1350000 dong due',
    );
    expect(byStep(report.checks).C3!.detail).toContain('đã thu 450.000 trên 1.350.000 đồng');
    // The log's own JSON array, as the monitors' API gives it, reads the same.
    const asArray = await verifyAfter(await published(), { audit: utf8(JSON.stringify(liveLog)) });
    expect(verdicts(asArray.checks)).toEqual(ALL_PASS);
  });

  it('names every check in Vietnamese (NFC) first and English second', async () => {
    const report = await verifyAfter(await published(), { audit: live() });
    for (const c of report.checks) {
      expect(c.nameVi.normalize('NFC')).toBe(c.nameVi);
      expect(c.detail.normalize('NFC')).toBe(c.detail);
      const [vi, en] = c.detail.split(' / ');
      expect(vi).toMatch(/[À-ỹ]/u);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('without the live log, tells that the signed log cannot hold the schedule’s hash, and checks the scans by their names only', async () => {
    const report = await verifyAfter(await published());
    expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, C4: 'absent' });
    expect(report.ok).toBe(true);
    expect(byStep(report.checks).C4!.detail).toMatch(/nhật ký đầy đủ của giám sát/);
    expect(byStep(report.checks).M4!.detail).toContain('không có nhật ký để đối chiếu');
  });

  it('reports files not published yet as such, never as failures', async () => {
    const bare = await verifyAfter(bundle);
    expect(bare.ok).toBe(true);
    expect(verdicts(bare.checks)).toEqual(Object.fromEntries(Object.keys(ALL_PASS).map((step) => [step, 'absent'])));
    expect(byStep(bare.checks).M1!.detail).toBe('Chưa công bố văn bản quyết định / the decision record is not published yet');
    expect(byStep(bare.checks).C1!.detail).toBe('Chưa công bố bảng mức đóng góp / no contribution schedule is published yet');

    const unsigned = await verifyAfter({ ...bundle, 'record/decision.json': jcsBytes(minutes) });
    expect(verdicts(unsigned.checks)).toMatchObject({ M1: 'pass', M2: 'pass', M3: 'absent', M4: 'absent' });
    const countingOnly = await verifyAfter({ ...bundle, 'record/counting.json': jcsBytes(counting) });
    expect(verdicts(countingOnly.checks)).toMatchObject({ M1: 'pass', M2: 'pass', M3: 'absent' });
  });

  it('lists who has signed and who has not; a missing signature is not a failure', async () => {
    const files = await published();
    delete files['record/signatures/front_head.jws'];
    const report = await verifyAfter(files, { audit: live() });
    const m3 = byStep(report.checks).M3!;
    expect(m3.ok).toBe(true);
    expect(m3.signed!.map((s) => s.role)).toEqual(['village_head']);
    expect(m3.missing).toEqual(['front_head']);
    expect(m3.detail).toBe(
      `Đã ký: Trưởng thôn (khóa ${keys.village_head.kid}); chưa ký: Trưởng ban công tác Mặt trận / signed: village head (key ${keys.village_head.kid}); not signed yet: head of the Front working committee`,
    );
  });
});

describe('record signing keys pinned by role (the kids written on the paper copy)', () => {
  it('pass when each pinned role signed with its pinned key, and say so', async () => {
    const minutesKeys = { village_head: keys.village_head.kid, front_head: keys.front_head.kid };
    const report = await verifyAfter(await published(), { audit: live(), minutesKeys });
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(byStep(report.checks).M3!.detail).toContain(`Trưởng thôn (khóa ${keys.village_head.kid}, đúng khóa đã ghi)`);
  });

  it('fail M3 when a pinned role signed with another key, naming both kids; the other role still passes', async () => {
    const report = await verifyAfter(await published(), { audit: live(), minutesKeys: { village_head: keys.front_head.kid, front_head: keys.front_head.kid } });
    expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(report.ok).toBe(false);
    expect(byStep(report.checks).M3!.detail).toBe(
      `chữ ký của Trưởng thôn là của khóa ${keys.village_head.kid}, không phải khóa đã ghi ${keys.front_head.kid} / the village head's signature is by key ${keys.village_head.kid}, not the pinned key ${keys.front_head.kid}`,
    );
  });

  it('a pinned role that has not signed yet is told as not signed, not failed', async () => {
    const files = await published();
    delete files['record/signatures/front_head.jws'];
    const report = await verifyAfter(files, { audit: live(), minutesKeys: { front_head: keys.village_head.kid } });
    const m3 = byStep(report.checks).M3!;
    expect(m3.ok).toBe(true);
    expect(m3.missing).toEqual(['front_head']);
  });
});

describe('schedule.csv and ledger.jsonl fetched a moment apart (each cached on its own)', () => {
  it('a csv written before the last entries of the ledger passes C2, saying how many entries it is behind', async () => {
    const ledger = ledgerOf(ENTRIES, minuteApart);
    for (const [upTo, behind] of [
      [1, 2],
      [0, 3],
    ] as const) {
      const files = {
        ...(await published()),
        'contributions/ledger.jsonl': toLedgerJsonl(ledger),
        'contributions/schedule.csv': scheduleCsv(schedule, ledger.slice(0, upTo)),
      };
      expect(bytesEqualTo(files['contributions/schedule.csv'], scheduleCsv(schedule, ledger))).toBe(false);
      const report = await verifyAfter(files, { audit: live() });
      expect(verdicts(report.checks)).toEqual(ALL_PASS);
      const c2 = byStep(report.checks).C2!;
      expect(c2.behind).toBe(behind);
      expect(c2.detail).toBe(
        `6 dòng khớp với sổ thu chi khi chưa có ${behind} mục cuối: schedule.csv chậm hơn ledger.jsonl ${behind} mục (được ghi sau sổ, có thể còn trong bộ nhớ đệm tới 60 giây) / ` +
          `6 rows match the ledger without its last ${behind} entries: schedule.csv is ${behind} entries behind ledger.jsonl (written after it, and may be cached for up to 60 s)`,
      );
    }
  });

  it('the last entry alone may be missing from the csv however long ago it was recorded (a crash between the two writes)', async () => {
    // A day apart: the csv written before the second collection.
    const ledger = ledgerOf(ENTRIES.slice(0, 2));
    const files = {
      ...(await published()),
      'contributions/ledger.jsonl': toLedgerJsonl(ledger),
      'contributions/schedule.csv': scheduleCsv(schedule, ledger.slice(0, 1)),
    };
    const report = await verifyAfter(files, { audit: live() });
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(byStep(report.checks).C2!.behind).toBe(1);
  });

  it('a csv behind by entries recorded long before the last one is not what a cache keeps: C2 fails', async () => {
    // The csv lacks the collection of 23 November and the spending of the 24th: no cache is a day old.
    const ledger = ledgerOf(ENTRIES);
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['contributions/schedule.csv'] = scheduleCsv(schedule, ledger.slice(0, 1));
    });
    expect(v).toEqual({ ...ALL_PASS, C2: 'fail' });
    expect(detail('C2')).toContain('schedule.csv khác từ dòng 3 / schedule.csv differs from line 3');
  });

  it('a spending, which changes no row, is not counted as behind: the csv of a ledger that ends in one matches', async () => {
    // The last entry is a spending: the csv the server wrote before it is the same bytes as after it.
    const report = await verifyAfter(
      { ...(await published()), 'contributions/schedule.csv': scheduleCsv(schedule, ledgerOf(ENTRIES).slice(0, 2)) },
      { audit: live() },
    );
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(byStep(report.checks).C2!.behind).toBeUndefined();
    expect(byStep(report.checks).C2!.detail).toBe('6 dòng khớp / 6 rows match');
  });

  it('a ledger older than the csv fails C2 (the csv claims payments the ledger does not hold), saying to check again in a minute', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['contributions/ledger.jsonl'] = toLedgerJsonl(ledgerOf(ENTRIES.slice(0, 1)));
    });
    expect(v).toEqual({ ...ALL_PASS, C2: 'fail' });
    // Line 3 is DG-002's row, whose payment the older ledger does not hold yet.
    expect(detail('C2')).toContain('schedule.csv khác từ dòng 3 / schedule.csv differs from line 3');
    expect(detail('C2')).toContain('nếu sổ thu chi vừa được cập nhật, hãy kiểm tra lại sau một phút / if the ledger was just updated, check again in a minute');
  });

  it('a csv behind the ledger with a row changed as well fails C2', async () => {
    const { verdicts: v } = await afterTampering((files) => {
      const older = fromUtf8(scheduleCsv(schedule, ledgerOf(ENTRIES).slice(0, 1)));
      const forged = older.replace('DG-004,standard,per_household,1,300000,0,300000,0,300000', 'DG-004,standard,per_household,1,300000,0,300000,300000,0');
      expect(forged).not.toBe(older);
      files['contributions/schedule.csv'] = utf8(forged);
    });
    expect(v).toEqual({ ...ALL_PASS, C2: 'fail' });
  });
});

describe('the decision record of a community meeting', () => {
  it('redrafts from the times it states and the voting of the manifest; a changed time of a meeting fails nothing but the signatures', async () => {
    const meeting: Consultation = { ...road, method: 'meeting' };
    const rollIds = households.map((h) => h.id);
    const ballots = [{ q1: 'yes' }, { q1: 'yes' }, { q1: 'yes' }, { q1: 'yes' }, { q1: 'no' }].map((answers: Answers, i) => ballotOf(answers, nonceOf(i)));
    const files = await publish(
      {
        consultation: meeting,
        rollIds,
        participants: rollIds.slice(0, 5).map((id) => ({ id, channel: 'meeting' as const })),
        ballots,
        audit: auditLog(),
        closedAt: '2026-11-20T10:00:00Z',
        publishedAt: PUBLISHED_AT,
        tally: tally(
          meeting,
          ballots.map((b) => b.answers),
          rollIds.length,
        ),
      },
      await makeSigning(),
    );
    const drafted = draftDecision({
      consultation: meeting,
      manifest: JSON.parse(fromUtf8(files['result.json']!)),
      manifestHash: sha256Hex(files['result.json']!),
      rollIds,
      participantIds: rollIds.slice(0, 5),
      audit: auditLog(),
      entries: {
        form: 'bien_ban',
        letterhead,
        place: 'Nhà văn hóa thôn Đông',
        meeting: { from: '2026-11-20T08:00:00Z', to: '2026-11-20T10:00:00Z' },
        summary: 'Bàn về chủ trương.',
        discussion: [],
        signers,
      },
    });
    expect(drafted.households).toMatchObject({ total: 6, present: 5, absent: { count: 1, ids: ['DG-006'] } });
    const good = await verifyAfter({ ...files, 'record/decision.json': jcsBytes(drafted) });
    expect(verdicts(good.checks)).toMatchObject({ M1: 'pass', M2: 'pass' });
    const forged = await verifyAfter({
      ...files,
      'record/decision.json': jcsBytes({ ...drafted, households: { ...drafted.households, absent: { count: 0, ids: [] } } }),
    });
    expect(verdicts(forged.checks)).toMatchObject({ M1: 'pass', M2: 'fail' });
    expect(byStep(forged.checks).M2!.detail).toContain('households');
  });
});

describe('each kind of tampering fails the check it belongs to', () => {
  it('a changed count in the decision record: the redraft differs (M2), and the signatures name another record (M3)', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['record/decision.json'] = jcsBytes({ ...minutes, households: { ...minutes.households, total: 7 }, decision: `${minutes.decision} ` });
    });
    expect(v).toEqual({ ...ALL_PASS, M2: 'fail', M3: 'fail' });
    expect(detail('M2')).toContain('households, decision');
    expect(detail('M3')).toContain('it names another record');
  });

  it('a departure left out of the record no longer redrafts (M2)', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['record/decision.json'] = jcsBytes({ ...minutes, departures: [] });
    });
    expect(v).toMatchObject({ M2: 'fail', M3: 'fail' });
    expect(detail('M2')).toContain('departures');
  });

  it('a changed count of spoiled slips that does not add up fails the counting record’s redraft (M2)', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['record/counting.json'] = jcsBytes({ ...counting, slips: { ...counting.slips!, valid: counting.slips!.valid + 1 } });
    });
    expect(v).toEqual({ ...ALL_PASS, M2: 'fail' });
    expect(detail('M2')).toContain('counting.json khác bản lập lại ở: slips');
  });

  it('a changed summary, which the redraft takes from the record: only the signatures catch it (M3)', async () => {
    const { verdicts: v } = await afterTampering((files) => {
      files['record/decision.json'] = jcsBytes({ ...minutes, discussion: { ...minutes.discussion, summary: 'Không bàn gì.' } });
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
  });

  it('a record of another result fails M1', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['record/counting.json'] = jcsBytes({ ...counting, manifest: 'ab'.repeat(32) });
    });
    expect(v.M1).toBe('fail');
    expect(detail('M1')).toContain('counting.json ghi mã băm của một kết quả khác');
  });

  it('decision.json that is not canonical JSON fails M1, even with the same content', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['record/decision.json'] = utf8(JSON.stringify(minutes, null, 1));
    });
    expect(v).toMatchObject({ M1: 'fail', M2: 'fail', M3: 'fail' });
    expect(detail('M1')).toContain('không ở dạng JSON chuẩn tắc');
  });

  it('a signature of another record fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      files['record/signatures/village_head.jws'] = utf8(await sign('village_head', { minutes: { ...minutes, place: 'Nơi khác' } }));
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toBe("chữ ký của Trưởng thôn không đúng / the village head's signature does not hold: it names another record");
  });

  it('a signature with the wrong typ fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      const payload = {
        kind: 'record-signature/1',
        consultationId: CONSULTATION_ID,
        record: minutesHash(minutes),
        signer: { role: 'village_head', name: signers.villageHead },
        at: AT,
      };
      const k = keys.village_head;
      files['record/signatures/village_head.jws'] = utf8(
        await encodeJws({ alg: 'ES256', jwk: k.jwk, kid: k.kid, typ: 'minutes+jws' }, jcsBytes(payload), k.sign),
      );
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toContain('typ is not record+jws');
  });

  it('the Front head’s valid signature filed as the village head’s fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      files['record/signatures/village_head.jws'] = utf8(await sign('front_head'));
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toBe(
      'record/signatures/village_head.jws là chữ ký của Trưởng ban công tác Mặt trận / record/signatures/village_head.jws is signed as head of the Front working committee',
    );
  });

  it('a village head’s signature made under another name fails M3', async () => {
    const { verdicts: v } = await afterTampering(async (files) => {
      const payload = {
        kind: 'record-signature/1',
        consultationId: CONSULTATION_ID,
        record: minutesHash(minutes),
        signer: { role: 'village_head', name: 'Người khác' },
        at: AT,
      };
      const k = keys.village_head;
      files['record/signatures/village_head.jws'] = utf8(
        await encodeJws({ alg: 'ES256', jwk: k.jwk, kid: k.kid, typ: 'record+jws' }, jcsBytes(payload), k.sign),
      );
    });
    expect(v.M3).toBe('fail');
  });

  it('a scan whose bytes do not hash to its name fails M4', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files[SCAN_NAME] = utf8('%PDF-1.4 another paper');
    });
    expect(v).toEqual({ ...ALL_PASS, M4: 'fail' });
    expect(detail('M4')).toContain('không khớp tên tệp');
  });

  it('a scan the live log does not record fails M4', async () => {
    const other = utf8('%PDF-1.4 a scan nobody logged');
    const { verdicts: v, detail } = await afterTampering((files) => {
      files[`record/scans/${sha256Hex(other)}.pdf`] = other;
    });
    expect(v).toEqual({ ...ALL_PASS, M4: 'fail' });
    expect(detail('M4')).toContain('the audit log does not record');
  });

  it('a changed row of the schedule fails C1 naming the household, and no longer matches the csv or the log', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      const rows = schedule.households.map((h) => (h.id === 'DG-004' ? { ...h, exemptPercent: 100, due: 0 } : h));
      files['contributions/schedule.json'] = jcsBytes({ ...schedule, households: rows });
    });
    expect(v).toEqual({ ...ALL_PASS, C1: 'fail', C2: 'fail', C4: 'fail' });
    expect(detail('C1')).toMatch(/households.*\(hộ DG-004\)/);
    expect(detail('C4')).toMatch(/^schedule\.json có mã băm [0-9a-f]{64}, nhật ký ghi /);
  });

  it('totals that do not add up fail C1', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['contributions/schedule.json'] = jcsBytes({ ...schedule, totals: { ...schedule.totals, due: schedule.totals.due + 1 } });
    });
    expect(v.C1).toBe('fail');
    expect(detail('C1')).toContain('totals');
  });

  it('a schedule with a household not on the roll, or one left out, fails C1', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      const rows = [...schedule.households.slice(1), { ...schedule.households[2]!, id: 'DG-099' }];
      files['contributions/schedule.json'] = jcsBytes({ ...schedule, households: rows });
    });
    expect(v.C1).toBe('fail');
    expect(detail('C1')).toContain('roll ids not on the roll: DG-099');
    expect(detail('C1')).toContain('households of the roll left out: DG-001');
  });

  it('a schedule at another level than the adopted one fails C1', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      const level = { questionId: 'q1', amountPerUnit: 400_000 };
      files['contributions/schedule.json'] = jcsBytes(dueSchedule({ consultation: road, households, level }));
    });
    expect(v.C1).toBe('fail');
    expect(detail('C1')).toContain('the level is not the adopted one');
  });

  it('a broken link of the ledger chain fails C3', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      // A collection raised by one dong, everything after it left as it was: its hash no longer recomputes.
      const text = fromUtf8(files['contributions/ledger.jsonl']!).replace('"amount":150000', '"amount":150001');
      files['contributions/ledger.jsonl'] = utf8(text);
    });
    expect(v).toMatchObject({ C3: 'fail' });
    expect(detail('C3')).toContain('line 2: hash does not recompute');
  });

  it('a ledger line dropped fails C3 at the line that no longer follows', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      const lines = fromUtf8(files['contributions/ledger.jsonl']!).split('\n');
      files['contributions/ledger.jsonl'] = utf8([lines[0], lines[2], ''].join('\n'));
    });
    expect(v.C3).toBe('fail');
    expect(detail('C3')).toContain('line 2: prev does not name the hash of the line before');
  });

  it('files that are not even UTF-8 fail their checks, and the verifier still answers', async () => {
    const { verdicts: v } = await afterTampering((files) => {
      files['record/decision.json'] = new Uint8Array([0xff, 0xfe, 0x7b]);
      files['contributions/ledger.jsonl'] = new Uint8Array([0xc3, 0x28, 0x0a]);
    });
    expect(v).toMatchObject({ M1: 'fail', M2: 'fail', M3: 'fail', C3: 'fail' });
  });

  it('a collection for a roll id that is not on the schedule fails C3', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      const ledger = ledgerOf([...ENTRIES, { type: 'collection', rollId: 'XX-001', amount: 300_000, date: '2026-11-25', receiptNo: '0009' }]);
      files['contributions/ledger.jsonl'] = toLedgerJsonl(ledger);
      files['contributions/schedule.csv'] = scheduleCsv(schedule, ledger);
    });
    expect(v).toEqual({ ...ALL_PASS, C3: 'fail' });
    expect(detail('C3')).toBe('thu của hộ không có trong bảng: XX-001 / collections for roll ids not on the schedule: XX-001');
  });

  it('a csv that says a household paid what the ledger does not fails C2', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['contributions/schedule.csv'] = utf8(
        fromUtf8(files['contributions/schedule.csv']!).replace(
          'DG-004,standard,per_household,1,300000,0,300000,0,300000',
          'DG-004,standard,per_household,1,300000,0,300000,300000,0',
        ),
      );
    });
    expect(v).toEqual({ ...ALL_PASS, C2: 'fail' });
    expect(detail('C2')).toContain('schedule.csv khác từ dòng 5');
  });

  it('a live log that is broken, does not extend the signed one, or records another hash, fails C4', async () => {
    const files = await published();
    // Only the schedule's hash is looked for here: no scan is published, so M4 has nothing to check.
    delete files[SCAN_NAME];
    const recorded = (sha256: string) => ({
      at: PUBLISHED_AT,
      actor: { role: 'system' as const, id: 'closer' },
      action: 'schedule_published',
      data: { sha256, households: 6, due: schedule.totals.due },
    });
    const c4 = async (log: AuditEvent[]) => {
      const report = await verifyAfter(files, { audit: toAuditJsonl(log) });
      expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, M4: 'absent', C4: 'fail' });
      return byStep(report.checks).C4!.detail;
    };
    expect(await c4([...liveLog.slice(0, 2), ...liveLog.slice(3)])).toContain('the given audit log is broken');
    const elsewhere = [sealEvent(undefined, { at: PUBLISHED_AT, actor: official, action: 'created', data: {} })];
    elsewhere.push(sealEvent(elsewhere[0], recorded(sha256Hex(jcsBytes(schedule)))));
    expect(await c4(elsewhere)).toContain('the given audit log does not extend the signed one');
    const other = openedEarlyLog();
    other.push(sealEvent(other.at(-1), recorded('00'.repeat(32))));
    expect(await c4(other)).toContain(`the log says ${'00'.repeat(32)}`);
  });
});
