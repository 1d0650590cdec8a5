/**
 * A small example of each published file, one household-ballot round of three households in Thôn Đông: what the
 * open-data page shows beside each field list. Each parses with its zod schema and validates against its published
 * JSON Schema (test/shared/open-data-schemas.test.ts); hashes are placeholders of the right form, not recomputed.
 */

const ID = '01JD8Z6Q9G4S7YV2M3K5N8P0RT';
const GROUP = '01JD8Z2B7C3D4E5F6G7H8J9K0M';
const H = {
  consultation: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  roll: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  participants: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
  ballots: '486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7',
  audit: 'fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9',
  manifest: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
  record: '7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730',
  event: 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
} as const;
const GENESIS = '0'.repeat(64);
const KID = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

const scope = { kind: 'hamlet', name: 'Thôn Đông' };
const title = 'Bê tông hóa đường thôn Đông';
const rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const letterhead = { authority: 'UBND XÃ AN BÌNH', unit: 'THÔN ĐÔNG' };
const recordQuestion = {
  id: 'q1',
  text: 'Đồng ý đóng góp 300.000 đồng/hộ để bê tông hóa đường thôn?',
  rule,
  counts: [
    { id: 'yes', label: 'Đồng ý', votes: 2, percentOfH: '66.7' },
    { id: 'no', label: 'Không đồng ý', votes: 0, percentOfH: '0.0' },
  ],
  abstain: { votes: 0, percentOfH: '0.0' },
  absent: { votes: 1, percentOfH: '33.3' },
  threshold: 2,
  ruleInWords: 'từ 2/3 tổng số hộ gia đình trở lên',
  status: 'adopted',
  adoptedOptions: [],
  decisionText: 'Thông qua mức đóng góp 300.000 đồng/hộ.',
};

export const EXAMPLES: Readonly<Record<string, unknown>> = {
  consultation: {
    id: ID,
    commune: 'xa-an-binh',
    scope,
    matter: 'contribution',
    method: 'household_ballot',
    title,
    description: 'Đường dài 500 m, rộng 3 m; Nhà nước hỗ trợ xi măng.',
    opensAt: '2026-11-20T01:00:00Z',
    closesAt: '2026-11-22T10:00:00Z',
    questions: [{ id: 'q1', type: 'yes_no', text: recordQuestion.text, options: [], rule }],
    contribution: {
      totalCost: 900_000_000,
      stateBudget: 870_000_000,
      residentsShare: 30_000_000,
      basis: 'per_household',
      amountPerUnit: 300_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
  },
  roll: { consultationId: ID, households: [{ id: 'DG-001' }, { id: 'DG-002' }, { id: 'DG-003' }] },
  participants: {
    consultationId: ID,
    households: [
      { id: 'DG-001', channel: 'paper' },
      { id: 'DG-003', channel: 'paper' },
    ],
  },
  ballots: {
    consultationId: ID,
    ballots: [
      { answers: { q1: 'yes' }, nonce: '3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c1e', receipt: H.event, serial: 'DG-7K2M' },
      { answers: { q1: 'yes' }, nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', receipt: H.record, serial: 'DG-9QX4' },
    ],
  },
  'audit-event': {
    kind: 'audit/1',
    seq: 1,
    at: '2026-11-10T02:00:00Z',
    actor: { role: 'official', id: 'official-a' },
    action: 'created',
    data: { consultationId: ID },
    prev: GENESIS,
    hash: H.event,
  },
  result: {
    format: 'result/2',
    consultationId: ID,
    files: {
      'consultation.json': H.consultation,
      'roll.json': H.roll,
      'participants.json': H.participants,
      'ballots.json': H.ballots,
      'audit.jsonl': H.audit,
    },
    method: 'household_ballot',
    roll: { count: 3 },
    participants: { count: 2, byChannel: { online: 0, paper: 2, meeting: 0 } },
    ballots: { count: 2, merkleRoot: H.record },
    audit: { count: 14, head: H.event },
    tally: [
      {
        questionId: 'q1',
        type: 'yes_no',
        rule,
        eligible: 3,
        cast: 2,
        abstain: 0,
        counts: { yes: 2, no: 0 },
        threshold: 2,
        outcome: { status: 'adopted', options: [] },
      },
    ],
    closedAt: '2026-11-22T10:00:00Z',
    publishedAt: '2026-11-22T10:00:05Z',
  },
  opinions: { consultationId: ID, opinions: [{ questionId: 'q1', text: 'Nên làm thêm rãnh thoát nước hai bên đường.' }] },
  attestation: {
    consultationId: ID,
    manifest: H.manifest,
    monitor: { name: 'Trần Văn Bình', organisation: 'Ban Thanh tra nhân dân xã An Bình' },
    statement: 'verified',
    at: '2026-11-23T08:00:00Z',
  },
  'attestations-index': [KID],
  decision: {
    kind: 'decision/1',
    consultationId: ID,
    manifest: H.manifest,
    form: 'bien_ban',
    letterhead,
    commune: 'xa-an-binh',
    scope,
    title,
    matter: 'contribution',
    place: 'Nhà văn hóa thôn Đông',
    time: { from: '2026-11-20T01:00:00Z', to: '2026-11-22T10:00:00Z' },
    households: {
      total: 3,
      present: 2,
      presentPercentOfH: '66.7',
      byChannel: { online: 0, paper: 2, meeting: 0 },
      absent: { count: 1, ids: ['DG-002'] },
    },
    discussion: {
      summary: 'Các hộ bàn về phương án bê tông hóa và mức đóng góp.',
      questions: [{ question: 'Hộ nghèo có phải đóng không?', answers: ['Hộ nghèo được miễn 100%.'] }],
    },
    method: 'household_ballot',
    questions: [recordQuestion],
    decision: 'Thông qua mức đóng góp 300.000 đồng/hộ.',
    contribution: {
      amountPerUnit: 300_000,
      basis: 'per_household',
      totalCost: 900_000_000,
      stateBudget: 870_000_000,
      residentsShare: 30_000_000,
      exemptions: [{ category: 'poor', percent: 100 }],
    },
    signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['DG-001', 'DG-003'] },
    departures: [],
    closedAt: '2026-11-22T10:00:00Z',
    publishedAt: '2026-11-22T10:00:05Z',
  },
  counting: {
    kind: 'counting/1',
    consultationId: ID,
    manifest: H.manifest,
    form: 'mau_04',
    letterhead,
    scope,
    title,
    method: 'household_ballot',
    place: 'Nhà văn hóa thôn Đông',
    at: '2026-11-22T10:30:00Z',
    members: [
      { name: 'Trần Thị Bình', role: 'Tổ trưởng' },
      { name: 'Phạm Văn Dũng', role: 'Tổ viên' },
      { name: 'Hoàng Thị Em', role: 'Tổ viên' },
    ],
    witnesses: ['DG-001', 'DG-003'],
    eligible: 3,
    slips: { issued: 3, returned: 2, entered: 2, spoiled: 0, valid: 2 },
    questions: [recordQuestion],
  },
  'record-signature': {
    kind: 'record-signature/1',
    consultationId: ID,
    record: H.record,
    signer: { role: 'village_head', name: 'Nguyễn Văn An' },
    at: '2026-11-23T02:00:00Z',
  },
  schedule: {
    format: 'schedule/1',
    consultationId: ID,
    level: { questionId: 'q1', amountPerUnit: 300_000 },
    basis: 'per_household',
    exemptions: [{ category: 'poor', percent: 100 }],
    rounding: { mode: 'down', multiple: 1 },
    households: [
      { id: 'DG-001', category: 'standard', units: 1, basis: 'per_household', gross: 300_000, exemptPercent: 0, due: 300_000 },
      { id: 'DG-002', category: 'poor', units: 1, basis: 'per_household', gross: 300_000, exemptPercent: 100, due: 0 },
      { id: 'DG-003', category: 'standard', units: 1, basis: 'per_household', gross: 300_000, exemptPercent: 0, due: 300_000 },
    ],
    totals: { households: 3, exempt: 1, reduced: 0, gross: 900_000, due: 600_000 },
    residentsShare: { amount: 30_000_000, shortfall: 29_400_000, surplus: 0 },
  },
  'ledger-event': {
    kind: 'ledger/1',
    seq: 1,
    at: '2027-01-05T03:00:00Z',
    actor: { role: 'official', id: 'official-a' },
    entry: { type: 'collection', rollId: 'DG-001', amount: 300_000, date: '2027-01-05', receiptNo: '0001' },
    prev: GENESIS,
    hash: H.event,
  },
  aggregate: {
    format: 'aggregate/1',
    groupId: GROUP,
    commune: 'xa-an-binh',
    rounds: [
      { consultationId: '01JD8Z6Q9G4S7YV2M3K5N8P0RA', hamlet: 'Thôn Đông', manifest: H.manifest, outcomes: { q1: 'adopted' } },
      { consultationId: '01JD8Z6Q9G4S7YV2M3K5N8P0RB', hamlet: 'Thôn Tây', manifest: H.record, outcomes: { q1: 'adopted' } },
      { consultationId: '01JD8Z6Q9G4S7YV2M3K5N8P0RC', hamlet: 'Thôn Nam', manifest: H.event, outcomes: { q1: 'rejected' } },
    ],
    hamlets: 3,
    rule: { op: 'at_least', fraction: [2, 3] },
    threshold: 2,
    outcome: { q1: { adoptedIn: 2, status: 'adopted' } },
  },
  rla: {
    format: 'rla/1',
    consultationId: ID,
    manifest: H.manifest,
    riskLimit: [1, 20],
    seed: '39057182641742093865',
    method: { name: 'kaplan-markov', parameters: { gamma: 1.03905, population: 2, margins: { q1: 1 } } },
    draws: [
      { k: 1, serial: 'DG-9QX4', reading: { q1: 'yes' }, discrepancy: { q1: 0 } },
      { k: 2, serial: 'DG-7K2M', reading: { q1: 'yes' }, discrepancy: { q1: 0 } },
    ],
    risk: [
      { afterDraw: 1, q1: 0.7593956017516 },
      { afterDraw: 2, q1: 0.5766816799596747 },
    ],
    conclusion: 'escalated',
  },
  translation: {
    format: 'translation/1',
    consultationId: ID,
    language: { tag: 'km', name: 'Tiếng Khmer' },
    title: 'ការជួសជុលប្រឡាយ',
    description: 'សំណើជួសជុលប្រឡាយភូមិ។',
    questions: [{ id: 'q1', text: 'តើអ្នកយល់ព្រមទេ?', options: [] }],
  },
  'translation-upload': {
    format: 'translation/1',
    consultationId: ID,
    language: { tag: 'KM', name: 'Tiếng Khmer' },
    title: 'ការជួសជុលប្រឡាយ',
    description: 'សំណើជួសជុលប្រឡាយភូមិ។',
    questions: [{ id: 'q1', text: 'តើអ្នកយល់ព្រមទេ?' }],
  },
  'rla-draws': {
    consultationId: ID,
    seed: '39057182641742093865',
    draws: [
      { k: 1, serial: 'DG-9QX4' },
      { k: 2, serial: 'DG-7K2M' },
    ],
  },
  jwks: {
    keys: [
      {
        kty: 'EC',
        crv: 'P-256',
        x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
        y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
        kid: KID,
        alg: 'ES256',
        use: 'sig',
      },
    ],
  },
};
