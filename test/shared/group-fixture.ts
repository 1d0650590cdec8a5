/**
 * A commune round for the aggregate and its verifier's tests: hamlet rounds of one group, each a small signed bundle
 * (3 households, one yes/no question at 2/3 of H), adopted when at least 2 households vote yes.
 */
import { buildAggregate, aggregateRound, signAggregate } from '../../shared/aggregate.ts';
import { sealEvent } from '../../shared/audit.ts';
import { decodeJws } from '../../shared/jws.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import type { AuditEvent, Consultation } from '../../shared/schemas.ts';
import { tally } from '../../shared/tally.ts';
import { ballotOf, nonceOf, publish, type Signing } from './bundle-fixture.ts';

export const GROUP_ID = '01JD5RQ7X8N2M4K6P9T0V3W5G0';
export const COMMUNE = 'xa-an-binh';
const HOUSEHOLDS = ['DG-001', 'DG-002', 'DG-003'];

/** The id of the i-th hamlet's round (sortable, so the aggregate's order is the hamlets' order). */
export const roundId = (i: number) => `01JD5RQ7X8N2M4K6P9T0V3W5${String(i).padStart(2, '0')}`;

export function roundConsultation(i: number, hamlet: string, group = GROUP_ID): Consultation {
  return {
    id: roundId(i),
    commune: COMMUNE,
    group,
    scope: { kind: 'hamlet', name: hamlet },
    matter: 'contribution',
    method: 'household_ballot',
    title: 'Bê tông hóa đường liên xã',
    description: 'Mức đóng góp theo hộ, biểu quyết theo từng thôn.',
    opensAt: '2026-11-01T00:00:00Z',
    closesAt: '2026-11-20T10:00:00Z',
    questions: [{ id: 'q1', type: 'yes_no', text: 'Tán thành mức đóng góp?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } }],
    contribution: { totalCost: 100, stateBudget: 70, residentsShare: 30, basis: 'per_household', amountPerUnit: 10, exemptions: [] },
  };
}

function log(id: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  const add = (at: string, action: string) =>
    events.push(sealEvent(events.at(-1), { at, actor: { role: 'official', id: 'o1' }, action, data: { consultationId: id } }));
  add('2026-10-20T08:00:00Z', 'created');
  add('2026-11-01T00:00:00Z', 'opened');
  add('2026-11-20T10:00:00Z', 'closed');
  return events;
}

/** A hamlet round's published files, with `yes` of its 3 households in favour. */
export async function roundFiles(consultation: Consultation, yes: number, signing: Signing): Promise<Record<string, Uint8Array>> {
  const ballots = HOUSEHOLDS.map((_, k) => ballotOf({ q1: k < yes ? 'yes' : 'no' }, nonceOf(k), consultation.id));
  return publish(
    {
      consultation,
      rollIds: HOUSEHOLDS,
      participants: HOUSEHOLDS.map((id) => ({ id, channel: 'online' as const })),
      ballots,
      audit: log(consultation.id),
      closedAt: '2026-11-20T10:00:00Z',
      publishedAt: '2026-11-20T10:00:05Z',
      tally: tally(
        consultation,
        ballots.map((b) => b.answers),
        HOUSEHOLDS.length,
      ),
    },
    signing,
  );
}

export const payloadOf = (files: Record<string, Uint8Array>) => decodeJws(fromUtf8(files['result.jws']!)).payloadBytes;

/** A whole group: one round per entry of `yesByHamlet`, and its signed aggregate. */
export async function groupFiles(yesByHamlet: readonly number[], signing: Signing) {
  const rounds: Record<string, Record<string, Uint8Array>> = {};
  for (const [i, yes] of yesByHamlet.entries()) rounds[roundId(i)] = await roundFiles(roundConsultation(i, `Thôn ${i + 1}`), yes, signing);
  const entries = Object.entries(rounds).map(([id, files], i) => aggregateRound(id, `Thôn ${i + 1}`, payloadOf(files)));
  const { aggregate, bytes } = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: entries });
  const jws = await signAggregate(bytes, signing.kid, signing.sign);
  return { rounds, aggregate, group: { 'aggregate.json': bytes as Uint8Array, 'aggregate.jws': utf8(jws) as Uint8Array } };
}
