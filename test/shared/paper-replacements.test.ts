import { describe, expect, it } from 'vitest';
import { auditWords } from '../../shared/audit-words.ts';
import { sealEvent } from '../../shared/audit.ts';
import { quotaAt } from '../../shared/discussion.ts';
import { paperReplacedOnline, withReplacement } from '../../shared/paper-replacements.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { checkDetail } from '../../web/verify/words.ts';
import { auditLog, bundleInput, makeSigning, publish } from './bundle-fixture.ts';

const official = { role: 'official' as const, id: 'official-1' };
const draft = (household: string) => ({ at: '2026-11-05T09:30:00Z', actor: official, action: 'paper_ballot_entered', data: { household, channel: 'paper' } });
const event = (action: string, data: Record<string, unknown>) => ({ action, data });

describe('withReplacement', () => {
  it('adds replaced and the channel replaced to an entry that replaced a ballot, and nothing otherwise', () => {
    expect(withReplacement(draft('H-001'), { previousChannel: 'online' }).data).toEqual({
      household: 'H-001',
      channel: 'paper',
      replaced: true,
      previousChannel: 'online',
    });
    expect(withReplacement(draft('H-001'), { previousChannel: undefined }).data).toEqual({ household: 'H-001', channel: 'paper', replaced: true });
    expect(withReplacement(draft('H-001'), undefined)).toEqual(draft('H-001'));
  });
});

describe('the audit log in words', () => {
  it('says what a paper entry replaced, and nothing for an entry of a log without it', () => {
    expect(auditWords('paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' })).toEqual({
      vi: 'Nhập phiếu (phiếu giấy) của hộ H-001, thay phiếu trực tuyến',
      en: 'Ballot entered (paper ballot) for household H-001, replacing the online ballot',
    });
    expect(auditWords('paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'paper' }).vi).toBe(
      'Nhập phiếu (phiếu giấy) của hộ H-001, thay phiếu giấy nhập trước',
    );
    expect(auditWords('paper_ballot_entered', { household: 'H-001', channel: 'paper' }).vi).toBe('Nhập phiếu (phiếu giấy) của hộ H-001');
  });
});

describe('paperReplacedOnline', () => {
  it('counts the entries that replaced an online ballot, not those that replaced paper or nothing', () => {
    const log = [
      event('paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' }),
      event('paper_ballot_entered', { household: 'H-002', channel: 'paper' }),
      event('paper_ballot_entered', { household: 'H-002', channel: 'paper', replaced: true, previousChannel: 'paper' }),
      event('paper_ballot_entered', { household: 'H-003', channel: 'paper', replaced: true, previousChannel: 'online' }),
      event('closed', {}),
    ];
    expect(paperReplacedOnline(log)).toBe(2);
  });

  it('leaves out an entry withdrawn later, the household’s last one', () => {
    const log = [
      event('paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' }),
      event('paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'paper' }),
      event('paper_ballot_withdrawn', { household: 'H-001', channel: 'paper' }),
    ];
    expect(paperReplacedOnline(log)).toBe(1);
    expect(paperReplacedOnline([...log, event('paper_ballot_withdrawn', { household: 'H-001', channel: 'paper' })])).toBe(0);
    // A withdrawal of another household's entry takes nothing from this one.
    expect(paperReplacedOnline([log[0]!, event('paper_ballot_withdrawn', { household: 'H-009', channel: 'paper' })])).toBe(1);
  });

  it('counts none in a log written before entries said what they replaced', () => {
    expect(paperReplacedOnline(auditLog())).toBe(0);
  });
});

describe('the verifier', () => {
  it('reports the paper entries that replaced an online ballot on the audit chain check, in both languages', async () => {
    const signing = await makeSigning();
    const events: AuditEvent[] = [];
    for (const e of auditLog()) {
      const data = e.action === 'paper_ballot_entered' ? { ...e.data, replaced: true, previousChannel: 'online' } : e.data;
      events.push(sealEvent(events[events.length - 1], { at: e.at, actor: e.actor, action: e.action, data }));
    }
    const files = await publish({ ...bundleInput(), audit: events }, signing);
    const v = await verifyBundle(files, { pinned: signing.keys.publicKey });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    const step8 = v.checks.find((c) => c.step === 8)!;
    expect(step8.detail).toBe(`5 events, head ${events[4]!.hash}; 1 paper ballot replaced an online ballot`);
    expect(checkDetail(8, true, step8.detail).vi).toBe(`5 thao tác nối liền; mã băm cuối ${events[4]!.hash}; 1 phiếu giấy thay phiếu trực tuyến`);
  });

  it('reports nothing more for a bundle whose log has no such entry, and still passes it', async () => {
    const signing = await makeSigning();
    const v = await verifyBundle(await publish(bundleInput(), signing), { pinned: signing.keys.publicKey });
    expect(v.ok).toBe(true);
    expect(v.checks.find((c) => c.step === 8)!.detail).toMatch(/^5 events, head [0-9a-f]{64}$/);
  });
});

describe('quotaAt', () => {
  it('numbers the fixed ten-minute window of a time, and carries the limits', () => {
    const a = quotaAt(new Date('2026-03-01T08:00:00Z'));
    expect(a).toEqual({ total: 30, perWindow: 5, window: Date.parse('2026-03-01T08:00:00Z') / 600_000 });
    expect(quotaAt(new Date('2026-03-01T08:09:59Z')).window).toBe(a.window);
    expect(quotaAt(new Date('2026-03-01T08:10:00Z')).window).toBe(a.window + 1);
  });
});
