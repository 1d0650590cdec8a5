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
import { draftMinutes, minutesHash, signMinutes, type Minutes, type MinutesRole } from '../../shared/minutes.ts';
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
const officers = {
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' },
  secretary: { name: 'Lê Thị Bình', title: 'Thư ký' },
  frontRepresentative: { name: 'Trần Văn Cường', organisation: 'Ban công tác Mặt trận thôn Đông' },
};
const official = { role: 'official' as const, id: 'official-1' };

type Files = Record<string, Uint8Array>;
const bytesEqualTo = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
type Officer = Signing & { jwk: JsonWebKey };

let bundle: Files;
let manifestHash: string;
let minutes: Minutes;
let schedule: Schedule;
let keys: Record<MinutesRole, Officer>;
let liveLog: AuditEvent[];

async function officer(): Promise<Officer> {
  const s = await makeSigning();
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', s.keys.publicKey);
  return { ...s, jwk: { kty, crv, x, y } };
}

const sign = (role: MinutesRole, over: { minutes?: Minutes; by?: MinutesRole } = {}) =>
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

/** Every file of a published round: the bundle, the minutes signed by all three, the schedule and a ledger of three entries. */
async function published(): Promise<Files> {
  const ledger = ledgerOf(ENTRIES);
  return {
    ...bundle,
    'minutes.json': jcsBytes(minutes),
    'minutes/chair.jws': utf8(await sign('chair')),
    'minutes/secretary.jws': utf8(await sign('secretary')),
    'minutes/front.jws': utf8(await sign('front')),
    'contributions/schedule.json': jcsBytes(schedule),
    'contributions/schedule.csv': scheduleCsv(schedule, ledger),
    'contributions/ledger.jsonl': toLedgerJsonl(ledger),
  };
}

const byStep = (checks: AfterCheck[]) => Object.fromEntries(checks.map((c) => [c.step, c]));
const verdicts = (checks: AfterCheck[]) => Object.fromEntries(checks.map((c) => [c.step, c.absent ? 'absent' : c.ok ? 'pass' : 'fail']));
const ALL_PASS = { M1: 'pass', M2: 'pass', M3: 'pass', C1: 'pass', C2: 'pass', C3: 'pass', C4: 'pass' };
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
    audit: auditLog(),
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
  minutes = draftMinutes({ consultation: road, manifest, manifestHash, officers, place: 'Nhà văn hóa thôn Đông' });
  const level = adoptedLevel(road, manifest);
  expect(level).toEqual({ questionId: 'q1', amountPerUnit: 300_000 });
  schedule = dueSchedule({ consultation: road, households, level: level! });
  keys = { chair: await officer(), secretary: await officer(), front: await officer() };
  liveLog = auditLog();
  const add = (action: string, data: Record<string, unknown>) =>
    liveLog.push(sealEvent(liveLog.at(-1), { at: PUBLISHED_AT, actor: { role: 'system', id: 'closer' }, action, data }));
  add('schedule_published', { sha256: sha256Hex(jcsBytes(schedule)), households: 6, due: schedule.totals.due });
  add('published', { consultationId: CONSULTATION_ID });
});

describe('verifying the minutes and the contributions published after the result', () => {
  it('passes every check on a faithful round: minutes signed by all three, the schedule, the ledger and the live log', async () => {
    const report = await verifyAfter(await published(), { audit: live() });
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(report.ok).toBe(true);
    const m3 = byStep(report.checks).M3!;
    expect(m3.signed!.map((s) => [s.role, s.kid])).toEqual([
      ['chair', keys.chair.kid],
      ['secretary', keys.secretary.kid],
      ['front', keys.front.kid],
    ]);
    expect(m3.missing).toEqual([]);
    // Each signer's kid, to compare with what the officers wrote on the paper minutes.
    expect(m3.detail).toBe(
      `Đã ký đủ: chủ trì (khóa ${keys.chair.kid}), thư ký (khóa ${keys.secretary.kid}), đại diện Mặt trận (khóa ${keys.front.kid}) / ` +
        `signed by all: chair (key ${keys.chair.kid}), secretary (key ${keys.secretary.kid}), Front representative (key ${keys.front.kid})`,
    );
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

  it('without the live log, tells that the signed log cannot hold the schedule’s hash, and fails nothing', async () => {
    const report = await verifyAfter(await published());
    expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, C4: 'absent' });
    expect(report.ok).toBe(true);
    expect(byStep(report.checks).C4!.detail).toMatch(/nhật ký đầy đủ của giám sát/);
  });

  it('reports files not published yet as such, never as failures', async () => {
    const bare = await verifyAfter(bundle);
    expect(bare.ok).toBe(true);
    expect(verdicts(bare.checks)).toEqual({ M1: 'absent', M2: 'absent', M3: 'absent', C1: 'absent', C2: 'absent', C3: 'absent', C4: 'absent' });
    expect(byStep(bare.checks).M1!.detail).toBe('Chưa công bố biên bản / the minutes are not published yet');
    expect(byStep(bare.checks).C1!.detail).toBe('Chưa công bố bảng mức đóng góp / no contribution schedule is published yet');

    const unsigned = await verifyAfter({ ...bundle, 'minutes.json': jcsBytes(minutes) });
    expect(verdicts(unsigned.checks)).toMatchObject({ M1: 'pass', M2: 'pass', M3: 'absent' });
  });

  it('lists who has signed and who has not; a missing signature is not a failure', async () => {
    const files = await published();
    delete files['minutes/secretary.jws'];
    delete files['minutes/front.jws'];
    const report = await verifyAfter(files, { audit: live() });
    const m3 = byStep(report.checks).M3!;
    expect(m3.ok).toBe(true);
    expect(m3.signed!.map((s) => s.role)).toEqual(['chair']);
    expect(m3.missing).toEqual(['secretary', 'front']);
    expect(m3.detail).toBe(
      `Đã ký: chủ trì (khóa ${keys.chair.kid}); chưa ký: thư ký, đại diện Mặt trận / signed: chair (key ${keys.chair.kid}); not signed yet: secretary, Front representative`,
    );
  });
});

describe('minutes signing keys pinned by role (the kids written on the paper minutes)', () => {
  it('pass when each pinned role signed with its pinned key, and say so', async () => {
    const minutesKeys = { chair: keys.chair.kid, secretary: keys.secretary.kid, front: keys.front.kid };
    const report = await verifyAfter(await published(), { audit: live(), minutesKeys });
    expect(verdicts(report.checks)).toEqual(ALL_PASS);
    expect(byStep(report.checks).M3!.detail).toBe(
      `Đã ký đủ: chủ trì (khóa ${keys.chair.kid}, đúng khóa đã ghi), thư ký (khóa ${keys.secretary.kid}, đúng khóa đã ghi), đại diện Mặt trận (khóa ${keys.front.kid}, đúng khóa đã ghi) / ` +
        `signed by all: chair (key ${keys.chair.kid}, the pinned key), secretary (key ${keys.secretary.kid}, the pinned key), Front representative (key ${keys.front.kid}, the pinned key)`,
    );
  });

  it('fail M3 when a pinned role signed with another key, naming both kids; the other roles still pass', async () => {
    // The chair pinned to the secretary's key: the chair's signature, valid in itself, is by another key.
    const report = await verifyAfter(await published(), { audit: live(), minutesKeys: { chair: keys.secretary.kid, front: keys.front.kid } });
    expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(report.ok).toBe(false);
    expect(byStep(report.checks).M3!.detail).toBe(
      `chữ ký của chủ trì là của khóa ${keys.chair.kid}, không phải khóa đã ghi ${keys.secretary.kid} / the chair's signature is by key ${keys.chair.kid}, not the pinned key ${keys.secretary.kid}`,
    );
  });

  it('keep the signature’s other problems beside the wrong key', async () => {
    const files = await published();
    files['minutes/chair.jws'] = utf8(await sign('chair', { minutes: { ...minutes, place: 'Nơi khác' } }));
    const report = await verifyAfter(files, { audit: live(), minutesKeys: { chair: keys.front.kid } });
    const detail = byStep(report.checks).M3!.detail;
    expect(detail).toMatch(/^chữ ký của chủ trì là của khóa [\w-]{43}, không phải khóa đã ghi /);
    expect(detail).toContain(`; chữ ký của chủ trì không đúng / the chair's signature does not hold: it names other minutes`);
    expect(detail).not.toContain('is not registered');
  });

  it('a pinned role that has not signed yet is told as not signed, not failed', async () => {
    const files = await published();
    delete files['minutes/front.jws'];
    const report = await verifyAfter(files, { audit: live(), minutesKeys: { front: keys.chair.kid } });
    const m3 = byStep(report.checks).M3!;
    expect(m3.ok).toBe(true);
    expect(m3.missing).toEqual(['front']);
    expect(m3.detail).toContain('chưa ký: đại diện Mặt trận');
    // And with no signature at all, M3 is not published yet.
    const none = await verifyAfter({ ...bundle, 'minutes.json': jcsBytes(minutes) }, { minutesKeys: { chair: keys.front.kid } });
    expect(verdicts(none.checks)).toMatchObject({ M1: 'pass', M2: 'pass', M3: 'absent' });
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

describe('the minutes of a community meeting', () => {
  it('redraft from the attendance and the times they state; a changed attendance no longer redrafts (M2)', async () => {
    const meeting: Consultation = {
      ...road,
      method: 'meeting',
      questions: [{ ...road.questions[0]!, rule: { base: 'eligible', op: 'at_least', fraction: [2, 3], quorum: { op: 'more_than', fraction: [1, 2] } } }],
    };
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
    const drafted = draftMinutes({
      consultation: meeting,
      manifest: JSON.parse(fromUtf8(files['result.json']!)),
      manifestHash: sha256Hex(files['result.json']!),
      officers,
      place: 'Nhà văn hóa thôn Đông',
      meeting: { present: 5, from: '2026-11-20T08:00:00Z', to: '2026-11-20T10:00:00Z' },
    });
    expect(drafted.attendance).toEqual({ present: 5, percentOfH: '83.3', quorum: { required: 4, met: true } });
    const good = await verifyAfter({ ...files, 'minutes.json': jcsBytes(drafted) });
    expect(verdicts(good.checks)).toMatchObject({ M1: 'pass', M2: 'pass' });
    const forged = await verifyAfter({
      ...files,
      'minutes.json': jcsBytes({ ...drafted, attendance: { ...drafted.attendance!, quorum: { required: 3, met: true } } }),
    });
    expect(verdicts(forged.checks)).toMatchObject({ M1: 'pass', M2: 'fail' });
    expect(byStep(forged.checks).M2!.detail).toContain('attendance');
  });
});

describe('each kind of tampering fails the check it belongs to', () => {
  it('a changed count in the minutes: the redraft differs (M2), and the signatures name other minutes (M3)', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['minutes.json'] = jcsBytes({ ...minutes, eligible: 7, decision: `${minutes.decision} ` });
    });
    expect(v).toEqual({ ...ALL_PASS, M2: 'fail', M3: 'fail' });
    expect(detail('M2')).toContain('eligible, decision');
    expect(detail('M3')).toContain('it names other minutes');
  });

  it('a changed place, which the redraft takes from the minutes: only the signatures catch it (M3)', async () => {
    const { verdicts: v } = await afterTampering((files) => {
      files['minutes.json'] = jcsBytes({ ...minutes, place: 'Trụ sở UBND xã' });
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
  });

  it('minutes of another result fail M1', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['minutes.json'] = jcsBytes({ ...minutes, manifest: 'ab'.repeat(32) });
    });
    expect(v.M1).toBe('fail');
    expect(detail('M1')).toContain('biên bản ghi mã băm của một kết quả khác');
  });

  it('minutes.json that is not canonical JSON fails M1, even with the same content', async () => {
    const { verdicts: v, detail } = await afterTampering((files) => {
      files['minutes.json'] = utf8(JSON.stringify(minutes, null, 1));
    });
    expect(v).toMatchObject({ M1: 'fail', M2: 'fail', M3: 'fail' });
    expect(detail('M1')).toContain('không ở dạng JSON chuẩn tắc');
  });

  it('a signature of other minutes fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      files['minutes/chair.jws'] = utf8(await sign('chair', { minutes: { ...minutes, place: 'Nơi khác' } }));
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toMatch(/^chữ ký của chủ trì không đúng \/ the chair's signature does not hold: it names other minutes$/);
  });

  it('a signature with the wrong typ fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      const payload = {
        kind: 'minutes-signature/1',
        consultationId: CONSULTATION_ID,
        minutes: minutesHash(minutes),
        signer: { role: 'chair', ...officers.chair },
        at: AT,
      };
      files['minutes/chair.jws'] = utf8(
        await encodeJws({ alg: 'ES256', jwk: keys.chair.jwk, kid: keys.chair.kid, typ: 'attestation+jws' }, jcsBytes(payload), keys.chair.sign),
      );
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toContain('typ is not minutes+jws');
  });

  it('the secretary’s valid signature filed as the chair’s fails M3', async () => {
    const { verdicts: v, detail } = await afterTampering(async (files) => {
      files['minutes/chair.jws'] = utf8(await sign('secretary'));
    });
    expect(v).toEqual({ ...ALL_PASS, M3: 'fail' });
    expect(detail('M3')).toBe('minutes/chair.jws là chữ ký của thư ký / minutes/chair.jws is signed as secretary');
  });

  it('a chair’s signature made under another role’s name fails M3', async () => {
    const { verdicts: v } = await afterTampering(async (files) => {
      const payload = {
        kind: 'minutes-signature/1',
        consultationId: CONSULTATION_ID,
        minutes: minutesHash(minutes),
        signer: { role: 'chair', ...officers.secretary },
        at: AT,
      };
      files['minutes/chair.jws'] = utf8(
        await encodeJws({ alg: 'ES256', jwk: keys.chair.jwk, kid: keys.chair.kid, typ: 'minutes+jws' }, jcsBytes(payload), keys.chair.sign),
      );
    });
    expect(v.M3).toBe('fail');
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
      files['minutes.json'] = new Uint8Array([0xff, 0xfe, 0x7b]);
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
    const recorded = (sha256: string) => ({
      at: PUBLISHED_AT,
      actor: { role: 'system' as const, id: 'closer' },
      action: 'schedule_published',
      data: { sha256, households: 6, due: schedule.totals.due },
    });
    const c4 = async (log: AuditEvent[]) => {
      const report = await verifyAfter(files, { audit: toAuditJsonl(log) });
      expect(verdicts(report.checks)).toEqual({ ...ALL_PASS, C4: 'fail' });
      return byStep(report.checks).C4!.detail;
    };
    expect(await c4([...liveLog.slice(0, 2), ...liveLog.slice(3)])).toContain('the given audit log is broken');
    const elsewhere = [sealEvent(undefined, { at: PUBLISHED_AT, actor: official, action: 'created', data: {} })];
    elsewhere.push(sealEvent(elsewhere[0], recorded(sha256Hex(jcsBytes(schedule)))));
    expect(await c4(elsewhere)).toContain('the given audit log does not extend the signed one');
    const other = auditLog();
    other.push(sealEvent(other.at(-1), recorded('00'.repeat(32))));
    expect(await c4(other)).toContain(`the log says ${'00'.repeat(32)}`);
  });
});
