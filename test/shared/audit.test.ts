import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkChain, GENESIS, hashOfEvent, parseAuditJsonl, sealEvent, toAuditJsonl } from '../../shared/audit.ts';
import { utf8 } from '../../shared/bytes.ts';
import type { AuditEvent } from '../../shared/schemas.ts';

const official = { role: 'official' as const, id: 'off-1' };
function chain(): AuditEvent[] {
  const events: AuditEvent[] = [];
  const add = (action: string, data: Record<string, unknown>) =>
    events.push(sealEvent(events[events.length - 1], { at: `2026-11-2${events.length}T10:00:00Z`, actor: official, action, data }));
  add('created', { consultationId: 'C1', title: 'Đường bê tông' });
  add('roll_uploaded', { count: 3 });
  add('opened', {});
  add('paper_ballot_entered', { household: 'DG-002' });
  add('closed', { consultationId: 'C1', reason: 'manual' });
  return events;
}

describe('audit log hash chain', () => {
  it('the first event has seq 1 and prev 64 zeros; each next one names the hash before it', () => {
    const events = chain();
    expect(GENESIS).toBe('0'.repeat(64));
    expect(events[0]!.seq).toBe(1);
    expect(events[0]!.prev).toBe(GENESIS);
    events.slice(1).forEach((e, i) => {
      expect(e.seq).toBe(i + 2);
      expect(e.prev).toBe(events[i]!.hash);
    });
    expect(checkChain(events)).toEqual([]);
  });

  it('an event hash is H(JCS(the event without hash)), computed independently', () => {
    const [e] = chain() as [AuditEvent];
    const json =
      `{"action":"created","actor":{"id":"off-1","role":"official"},"at":"2026-11-20T10:00:00Z",` +
      `"data":{"consultationId":"C1","title":"Đường bê tông"},"kind":"audit/1","prev":"${GENESIS}","seq":1}`;
    expect(e.hash).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
    expect(hashOfEvent(e)).toBe(e.hash);
  });

  it('changed data, a changed time, a dropped event, a swap or a forged hash is detected', () => {
    const changed = chain();
    changed[1] = { ...changed[1]!, data: { count: 4 } };
    expect(checkChain(changed)).toEqual(['event 2: hash does not recompute']);

    const retimed = chain();
    retimed[4] = { ...retimed[4]!, at: '2026-11-30T10:00:00Z' };
    expect(checkChain(retimed)).toEqual(['event 5: hash does not recompute']);

    const dropped = chain();
    dropped.splice(2, 1);
    expect(checkChain(dropped)).toEqual(expect.arrayContaining(['event 3: seq is 4', 'event 3: prev does not name the hash of the event before']));

    const swapped = chain();
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(checkChain(swapped).length).toBeGreaterThan(0);

    // Re-hashing a changed event is not enough: the next event still names the old hash.
    const forged = chain();
    const body = { ...forged[1]!, data: { count: 4 } };
    forged[1] = { ...body, hash: hashOfEvent(body) };
    expect(checkChain(forged)).toEqual(['event 3: prev does not name the hash of the event before']);
  });

  it('audit.jsonl is one canonical JSON event per line, each ending in a newline, and parses back', () => {
    const events = chain();
    const bytes = toAuditJsonl(events);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(events.length + 1);
    expect(text.split('\n')[0]!.startsWith('{"action":"created","actor":{"id":"off-1","role":"official"}')).toBe(true);
    expect(parseAuditJsonl(bytes)).toEqual(events);
    expect(parseAuditJsonl(new Uint8Array(0))).toEqual([]);
  });

  it('parseAuditJsonl names the line that is not JSON, not an event, or not ended by a newline', () => {
    const good = new TextDecoder().decode(toAuditJsonl(chain()));
    expect(() => parseAuditJsonl(utf8(good.slice(0, -1)))).toThrow(/newline/);
    expect(() => parseAuditJsonl(utf8(`${good}nope\n`))).toThrow(/line 6: not JSON/);
    expect(() => parseAuditJsonl(utf8(`${good}{"kind":"audit/1"}\n`))).toThrow(/line 6/);
    expect(() => parseAuditJsonl(utf8(`${good}\n`))).toThrow(/line 6/);
  });
});
