/**
 * The demo's village-head election process: seeded from the chair's decision to UBND xã's recognition, every step in
 * time, the person elected with more than 50 % of H, and its public timeline published.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { processRows } from '../../../functions/core/processes.ts';
import { DEMO_ELECTION_HOUSEHOLDS, seedElectionProcess } from '../../../functions/local/seed-election.ts';
import { checkChain } from '../../../shared/audit.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const ID = '01JDANBAN0000000000000PR07';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-an-binh' };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: 'xa-an-binh' };

describe('the demo election process', () => {
  it('runs from plan to recognition with no step late, and publishes its timeline', async () => {
    const files = new Map<string, string>();
    const core: CoreDeps = {
      ...memoryCoreDeps(new Date('2027-03-10T03:00:00Z'), ID),
      publisher: {
        put: async (key, body) => void files.set(key, typeof body === 'string' ? body : new TextDecoder().decode(body)),
        get: async () => undefined,
        url: (k) => k,
      },
    };
    const id = await seedElectionProcess(core, OFFICIAL, UBND);
    const stored = await core.store.getProcess(id);
    expect(stored?.record.recognition?.outcome).toBe('recognised');
    expect(stored?.record.count?.households).toBe(DEMO_ELECTION_HOUSEHOLDS);
    const rows = processRows(core, stored!.record);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.status !== 'done').map((r) => r.step)).toEqual([]);
    const audit = await core.store.getProcessAudit(id);
    expect(audit.map((e) => e.action)).toContain('election_recognised');
    expect(checkChain(audit)).toEqual([]);
    const page = files.get(`p/${id}/index.html`);
    expect(page).toContain('Thôn Đông');
    expect(page).toContain('Trần Văn Hùng');
    expect(page).toContain('Quyết định số 131/QĐ-UBND');
  });
});
