/**
 * Drafted minutes of test/shared/bundle-fixture.ts's consultation, naming all three officers, as the signing
 * scripts' tests read them: the JCS bytes a site publishes and their hash.
 */
import { jcsBytes } from '../../shared/jcs.ts';
import { Minutes, minutesHash } from '../../shared/minutes.ts';
import { CONSULTATION_ID } from '../shared/bundle-fixture.ts';

export const MINUTES: Minutes = Minutes.parse({
  kind: 'minutes/1',
  consultationId: CONSULTATION_ID,
  manifest: 'a'.repeat(64),
  commune: 'xa-an-binh',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  title: 'Bê tông hóa đường "liên thôn"',
  matter: 'opinion',
  place: 'Nhà văn hóa thôn Đông',
  time: { from: '2026-11-01T00:00:00Z', to: '2026-11-20T10:00:00Z' },
  method: 'household_ballot',
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' },
  secretary: { name: 'Lê Thị Bình', title: 'Thư ký cuộc họp' },
  frontRepresentative: { name: 'Trần Văn Cường', organisation: 'Ban công tác Mặt trận thôn Đông' },
  eligible: 3,
  participants: { total: 2, byChannel: { online: 1, paper: 1, meeting: 0 }, percentOfH: '66.7' },
  questions: [],
  decision: 'Ý kiến của cộng đồng dân cư Thôn Đông được tổng hợp.\n1. «Làm đường?»: Được thông qua.',
  closedAt: '2026-11-20T10:00:00Z',
  publishedAt: '2026-11-20T10:00:05Z',
});

/** minutes.json as published: the JCS bytes of the minutes. */
export const MINUTES_BYTES = jcsBytes(MINUTES);

/** H(JCS(minutes)): what the page shows and each signature names. */
export const MINUTES_HASH = minutesHash(MINUTES);
