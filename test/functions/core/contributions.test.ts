import { describe, expect, it } from 'vitest';
import { sealEvent } from '../../../shared/audit.ts';
import { toLedgerJsonl, verifyLedger } from '../../../shared/contributions.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import { ledgerOf, LEDGER_ACTIONS } from '../../../functions/core/contributions.ts';
import { dayOf } from '../../../functions/http/officials/contribution-routes.tsx';

const official = { role: 'official' as const, id: 'official-a' };

/** An audit log of the given acts, sealed in order as the store seals them. */
function logOf(acts: Array<{ action: string; data: Record<string, unknown> }>): AuditEvent[] {
  const log: AuditEvent[] = [];
  for (const [i, a] of acts.entries()) log.push(sealEvent(log[log.length - 1], { at: `2027-01-0${i + 1}T03:00:00Z`, actor: official, ...a }));
  return log;
}

describe('ledgerOf', () => {
  it('rebuilds the ledger/1 chain from the ledger events of the audit log, in order, skipping every other act', () => {
    const collection = { type: 'collection', rollId: 'H-001', amount: 300_000, date: '2027-01-05', receiptNo: '0001' };
    const spending = { type: 'spending', amount: 100_000, date: '2027-01-06', purpose: 'Mua cát' };
    const log = logOf([
      { action: 'published', data: { consultationId: 'x' } },
      { action: LEDGER_ACTIONS.collection, data: collection },
      { action: 'attestation_accepted', data: { kid: 'k' } },
      { action: LEDGER_ACTIONS.spending, data: spending },
      { action: LEDGER_ACTIONS.correction, data: { type: 'correction', ref: 2, reason: 'Ghi sai' } },
    ]);
    const ledger = ledgerOf(log);
    expect(ledger.map((e) => [e.seq, e.entry.type, e.at])).toEqual([
      [1, 'collection', log[1]!.at],
      [2, 'spending', log[3]!.at],
      [3, 'correction', log[4]!.at],
    ]);
    expect(verifyLedger(toLedgerJsonl(ledger)).problems).toEqual([]);
    // The same log gives the same bytes: republishing never changes what was published.
    expect(toLedgerJsonl(ledgerOf(log))).toEqual(toLedgerJsonl(ledger));
  });

  it('refuses a ledger event whose data is not an entry', () => {
    const log = logOf([{ action: LEDGER_ACTIONS.spending, data: { type: 'spending', amount: -1 } }]);
    expect(() => ledgerOf(log)).toThrow(DomainError);
  });
});

describe('dayOf', () => {
  it('takes a date field’s day or a day as Vietnamese write it', () => {
    expect(dayOf('2027-01-05')).toBe('2027-01-05');
    expect(dayOf(' 5/1/2027 ')).toBe('2027-01-05');
    expect(dayOf('05.01.2027')).toBe('2027-01-05');
    expect(dayOf('mai')).toBe('mai');
  });
});
