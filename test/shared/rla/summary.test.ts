/** How far a round's paper audit went, as the result page says it: concluded, under way, not started, or no paper. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMIT, paperAuditOf } from '../../../shared/rla/summary.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';

let seq = 0;
const event = (action: string, data: Record<string, unknown> = {}): AuditEvent =>
  ({ seq: ++seq, at: '2026-12-06T03:00:00Z', actor: { role: 'monitor', sub: 'm1' }, action, data, prev: '0'.repeat(64), hash: '0'.repeat(64) }) as never;

describe('paperAuditOf', () => {
  const household = { method: 'household_ballot' as const };

  it('says a show of hands has no paper, and an online round or a meeting without slips has nothing to say', () => {
    expect(paperAuditOf({ method: 'meeting', voting: 'show_of_hands' }, [])).toEqual({ stage: 'no_paper' });
    expect(paperAuditOf({ method: 'online' }, [event('rla_seed')])).toBeUndefined();
    expect(paperAuditOf({ method: 'meeting', voting: 'secret_ballot' }, [])).toEqual({ stage: 'not_started' });
  });

  it('follows the log: not started, under way with the slips read, concluded with its conclusion and the risk in percent', () => {
    expect(paperAuditOf(household, [event('closed')])).toEqual({ stage: 'not_started' });
    const seeded = [event('rla_seed', { digits: '12345' })];
    expect(paperAuditOf(household, seeded)).toEqual({ stage: 'under_way', readings: 0 });
    const read = [...seeded, event('rla_reading', { k: 1 }), event('rla_reading', { k: 2 })];
    expect(paperAuditOf(household, read)).toEqual({ stage: 'under_way', readings: 2 });
    const concluded = [...read, event('rla_published', { conclusion: 'confirmed', draws: 2 })];
    expect(paperAuditOf(household, concluded)).toEqual({ stage: 'concluded', conclusion: 'confirmed', draws: 2, riskPercent: 5 });
    expect(paperAuditOf(household, concluded, [1, 10])).toMatchObject({ riskPercent: 10 });
    expect(DEFAULT_RISK_LIMIT).toEqual([1, 20]);
  });

  it('does not take an unknown conclusion for a concluded audit', () => {
    const odd = [event('rla_seed'), event('rla_published', { conclusion: 'maybe', draws: 3 })];
    expect(paperAuditOf(household, odd)).toEqual({ stage: 'under_way', readings: 0 });
  });
});
