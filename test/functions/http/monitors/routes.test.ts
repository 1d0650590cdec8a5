import { describe, expect, it } from 'vitest';
import { auditRow } from '../../../../functions/http/monitors/routes.tsx';

describe('the audit log’s rows', () => {
  it('keep the event’s actor and data whole and cut its hash to 12 characters', () => {
    const row = auditRow({
      kind: 'audit/1',
      seq: 3,
      at: '2026-12-01T01:00:00Z',
      actor: { role: 'official', id: 'official-a' },
      action: 'roll_uploaded',
      data: { count: 8, note: 'x'.repeat(500) },
      prev: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
    expect(row).toEqual({
      seq: 3,
      at: '2026-12-01T01:00:00Z',
      actor: { role: 'official', id: 'official-a' },
      action: 'roll_uploaded',
      data: { count: 8, note: 'x'.repeat(500) },
      hash: 'b'.repeat(12),
    });
  });
});
