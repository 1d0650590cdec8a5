/**
 * A small but complete consultation, and its signed bundle, for the bundle and verifier tests: three questions
 * (yes/no, single, approval), ten households on the roll, seven ballots over three channels, an audit log that
 * ends with `closed`, and a throwaway WebCrypto key.
 */
import { sealEvent } from '../../shared/audit.ts';
import { buildBundle, signBundle, type BundleInput } from '../../shared/bundle.ts';
import { utf8 } from '../../shared/bytes.ts';
import { jwkThumbprint } from '../../shared/jws.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { Answers, AuditEvent, Ballot, Channel, Consultation } from '../../shared/schemas.ts';
import { tally } from '../../shared/tally.ts';

export const CONSULTATION_ID = '01JD5RQ7X8N2M4K6P9T0V3W5YZ';

export const consultation: Consultation = {
  id: CONSULTATION_ID,
  commune: 'xa-an-binh',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Bê tông hóa đường liên thôn',
  description: 'Làm đường bê tông dài 1,2 km; mức đóng góp theo hộ.',
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-11-20T10:00:00Z',
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Tán thành chủ trương làm đường?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
    {
      id: 'q2',
      type: 'single',
      text: 'Mức đóng góp mỗi hộ',
      options: [
        { id: 'level-50k', label: '50.000 đồng', amountPerUnit: 50_000 },
        { id: 'level-100k', label: '100.000 đồng', amountPerUnit: 100_000 },
      ],
      rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
    },
    {
      id: 'q3',
      type: 'approval',
      text: 'Hạng mục ưu tiên',
      options: [
        { id: 'lights', label: 'Đèn đường' },
        { id: 'drain', label: 'Rãnh thoát nước' },
        { id: 'trees', label: 'Cây xanh' },
      ],
      rule: { base: 'plurality' },
      max: 2,
    },
  ],
};

export const rollIds = Array.from({ length: 10 }, (_, i) => `DG-${String(10 - i).padStart(3, '0')}`); // unsorted on purpose

const votes: [string, Channel, Answers][] = [
  ['DG-001', 'online', { q1: 'yes', q2: 'level-50k', q3: ['drain', 'lights'] }],
  ['DG-002', 'paper', { q1: 'yes', q2: 'level-50k', q3: ['drain'] }],
  ['DG-003', 'online', { q1: 'yes', q2: 'level-100k', q3: [] }],
  ['DG-005', 'meeting', { q1: 'no', q2: 'abstain', q3: ['trees'] }],
  ['DG-006', 'online', { q1: 'yes', q2: 'level-50k', q3: ['drain', 'trees'] }],
  ['DG-008', 'online', { q1: 'abstain', q2: 'level-50k', q3: ['drain'] }],
  ['DG-010', 'paper', { q1: 'yes', q2: 'level-50k', q3: ['lights'] }],
];

export function nonceOf(i: number): string {
  return (i + 1).toString(16).padStart(32, 'a');
}

export function ballotOf(answers: Answers, nonce: string, consultationId = CONSULTATION_ID): Ballot {
  return { answers, nonce, receipt: receiptOf(consultationId, answers, nonce) };
}

export function auditLog(): AuditEvent[] {
  const official = { role: 'official' as const, id: 'official-1' };
  const events: AuditEvent[] = [];
  const add = (at: string, actor: AuditEvent['actor'], action: string, data: Record<string, unknown>) =>
    events.push(sealEvent(events[events.length - 1], { at, actor, action, data }));
  add('2026-10-20T08:00:00Z', official, 'created', { consultationId: CONSULTATION_ID });
  add('2026-10-21T08:00:00Z', official, 'roll_uploaded', { consultationId: CONSULTATION_ID, count: 10 });
  add('2026-11-01T00:00:00Z', official, 'opened', { consultationId: CONSULTATION_ID });
  add('2026-11-05T09:30:00Z', official, 'paper_ballot_entered', { consultationId: CONSULTATION_ID, household: 'DG-002' });
  add('2026-11-20T10:00:00Z', { role: 'system', id: 'scheduler' }, 'closed', { consultationId: CONSULTATION_ID, reason: 'scheduled' });
  return events;
}

/** The bundle input of the fixture; `ballots` may be replaced to build a variant. */
export function bundleInput(ballots?: Ballot[]): BundleInput {
  const list = ballots ?? votes.map(([, , answers], i) => ballotOf(answers, nonceOf(i)));
  return {
    consultation,
    rollIds,
    participants: votes.map(([id, channel]) => ({ id, channel })),
    ballots: list,
    audit: auditLog(),
    closedAt: '2026-11-20T10:00:00Z',
    publishedAt: '2026-11-20T10:00:05Z',
    tally: tally(
      consultation,
      list.map((b) => b.answers),
      rollIds.length,
    ),
  };
}

export interface Signing {
  keys: CryptoKeyPair;
  kid: string;
  sign: (input: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;
}

/** A throwaway ES256 key, with its RFC 7638 kid. */
export async function makeSigning(): Promise<Signing> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const kid = jwkThumbprint(await crypto.subtle.exportKey('jwk', keys.publicKey));
  const sign = async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, input));
  return { keys, kid, sign };
}

/** The published files of a bundle input, signed: the five data files, result.json and result.jws. */
export async function publish(input: BundleInput, signing: Signing): Promise<Record<string, Uint8Array>> {
  const bundle = buildBundle(input);
  const jws = await signBundle(bundle.manifestBytes, signing.kid, signing.sign);
  return { ...bundle.files, 'result.json': bundle.manifestBytes, 'result.jws': utf8(jws) };
}
