/**
 * A commune round whose hamlets' rounds are all published but whose aggregate is not yet signed: as when the
 * aggregate could not be signed right after the last round (it is then published again on an official's request).
 * Three hamlets each hold a meeting with a show of hands; two adopt (5 and 4 of 6 in favour, 2/3 needs 4).
 */
import { AGGREGATE_TYP } from '../../shared/aggregate.ts';
import type { Signer } from '../../functions/core/ports.ts';
import { holdMeeting, roadConsultation, rollCsv } from './system.ts';

type Call = (method: string, path: string, opts?: { body?: unknown; token?: string; type?: string }) => Promise<{ status: number; json: any; text: string }>;

export const GROUP_HAMLETS = ['Thôn Thượng', 'Thôn Trung', 'Thôn Hạ'];
const PRESENT = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005', 'H-006'];

/** Whether a JWS signing input (`header.payload`, base64url) is an aggregate's. */
export function isAggregateSigningInput(message: Uint8Array): boolean {
  const header = new TextDecoder().decode(message).split('.')[0] ?? '';
  try {
    return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).typ === AGGREGATE_TYP;
  } catch {
    return false;
  }
}

/** `signer`, refusing to sign an aggregate. */
export function refusingAggregates(signer: Signer): Signer {
  return {
    publicKeySpki: () => signer.publicKeySpki(),
    sign: async (message) => {
      if (isAggregateSigningInput(message)) throw new Error('the aggregate is not signed this time');
      return signer.sign(message);
    },
  };
}

/**
 * Creates the group through `call` and closes its rounds; during the last close `holder.signer` refuses aggregates,
 * so the group ends with every round published and no aggregate. Answers the group's id and its rounds' ids.
 * `openBody`: what opening sends (a reason to open before the commune's disclosure period is over).
 */
export async function unsignedGroup(
  call: Call,
  token: string,
  holder: { signer: Signer },
  options: { openBody?: unknown } = {},
): Promise<{ groupId: string; rounds: string[] }> {
  const consultation = { ...roadConsultation(), scope: { kind: 'commune', name: 'Xã Thử Nghiệm' } };
  const created = await call('POST', '/api/groups', { token, body: { consultation, hamlets: GROUP_HAMLETS } });
  if (created.status !== 201) throw new Error(`group: ${created.status} ${created.text}`);
  const groupId: string = created.json.groupId;
  const rounds: string[] = created.json.rounds.map((r: { consultationId: string }) => r.consultationId);
  for (const [i, id] of rounds.entries()) {
    const roll = await call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(6), type: 'text/csv' });
    if (roll.status !== 200) throw new Error(`roll: ${roll.status} ${roll.text}`);
    const opened = await call('POST', `/api/consultations/${id}/open`, { token, ...(options.openBody !== undefined ? { body: options.openBody } : {}) });
    if (opened.status !== 200) throw new Error(`open: ${opened.status} ${opened.text}`);
    const yes = [5, 1, 4][i]!;
    const last = i === rounds.length - 1;
    const signer = holder.signer;
    if (last) holder.signer = refusingAggregates(signer);
    try {
      const closed = await holdMeeting(call, token, id, PRESENT, { q1: { yes, no: 6 - yes, abstain: 0 } });
      if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.text}`);
    } finally {
      holder.signer = signer;
    }
  }
  return { groupId, rounds };
}
