/**
 * The election's data types, one zod schema per shape (bundle.md, domain.md). These are the contract:
 * the API validates requests with them, the publisher writes them, the verifier reads them.
 */
import * as z from 'zod';

/** Short stable slugs for question and option ids (`q1`, `level-50k`). */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'slug: a-z, 0-9, _ and -, at most 32');
/** Pseudonymous roll id of a household (`DG-017`); never a name. */
export const RollId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'roll id: letters, digits, . _ -, at most 32');
/** RFC 3339 UTC to the second, `Z` suffix (bundle.md conventions). */
export const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'time: YYYY-MM-DDTHH:MM:SSZ');
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters');
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID');

export const Matter = z.enum(['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members', 'other_self_managed', 'opinion']);
export type Matter = z.infer<typeof Matter>;
export const Method = z.enum(['household_ballot', 'meeting', 'online']);
export type Method = z.infer<typeof Method>;
export const State = z.enum(['draft', 'disclosure', 'voting', 'closed', 'published', 'cancelled']);
export type State = z.infer<typeof State>;
export const Channel = z.enum(['online', 'paper', 'meeting']);
export type Channel = z.infer<typeof Channel>;
export const Category = z.enum(['standard', 'poor', 'near_poor', 'policy']);
export type Category = z.infer<typeof Category>;

const Fraction = z.tuple([z.int().min(0), z.int().min(1)]).refine(([n, d]) => n <= d, 'fraction must be at most 1');
export const Quorum = z.strictObject({ op: z.enum(['at_least', 'more_than']), fraction: Fraction });
export type Quorum = z.infer<typeof Quorum>;
/**
 * A meeting's attendance rule (domain.md "Decision rules"): households present against H, checked before the vote
 * (D61 Art. 10(1): community rules need more than 1/2 present). Same shape as a quorum; `result/2` uses it in its place.
 */
export const Attendance = Quorum;
export type Attendance = Quorum;

/** A question's decision rule (domain.md "Decision rules"). */
export const Rule = z.union([
  z.strictObject({
    base: z.enum(['eligible', 'cast']),
    op: z.enum(['at_least', 'more_than']),
    fraction: Fraction,
    quorum: Quorum.optional(),
    attendance: Attendance.optional(),
  }),
  z.strictObject({ base: z.literal('plurality'), quorum: Quorum.optional(), attendance: Attendance.optional() }),
]);
export type Rule = z.infer<typeof Rule>;

/** Control characters (NUL and the like) have no place in a text a person typed; tabs and line breaks do. */
const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
const hasControl = (s: string) => {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
  return false;
};
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasControl(s), 'control characters are not allowed');

export const Option = z.strictObject({
  id: Slug,
  label: Text(500),
  labelEn: Text(500).optional(),
  /** For a contribution level: the amount per unit of the basis, in integer dong. */
  amountPerUnit: z.int().min(0).max(1_000_000_000_000).optional(),
});
export type Option = z.infer<typeof Option>;

export const QuestionType = z.enum(['yes_no', 'single', 'approval']);
export const Question = z
  .strictObject({
    id: Slug,
    type: QuestionType,
    text: Text(2000),
    textEn: Text(2000).optional(),
    options: z.array(Option).max(50),
    rule: Rule,
    max: z.int().min(1).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'yes_no' && q.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a yes/no question has no options' });
    if (q.type !== 'yes_no' && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'needs at least 2 options' });
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be distinct' });
    if (ids.some((id) => id === 'abstain' || id === 'yes' || id === 'no'))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids yes, no and abstain are reserved' });
    if (q.type === 'approval' && q.max === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: 'an approval question needs max' });
    if (q.type !== 'approval' && q.max !== undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is only for an approval question' });
    if (q.max !== undefined && q.max > q.options.length) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max exceeds the number of options' });
  });
export type Question = z.infer<typeof Question>;

export const Exemption = z.strictObject({ category: Category.exclude(['standard']), percent: z.int().min(0).max(100) });
export const Basis = z.enum(['per_household', 'per_person', 'per_frontage_metre']);

/**
 * What residents give (Law 10/2022 Art. 15(1): "kinh phí, tài sản, công sức"): money in integer dong, labour in whole
 * workdays (ngày công), or property described with its value in integer dong. A contribution without `form` is money.
 */
export const ContributionForm = z.enum(['money', 'labour', 'property']);
export type ContributionForm = z.infer<typeof ContributionForm>;

/** The property residents give (land, materials, ...), with its value in integer dong. */
export const PropertyTerms = z.strictObject({ description: Text(500), value: z.int().min(1).max(1_000_000_000_000) });

/**
 * Contribution terms voted together with the level (domain.md "Contributions"). Costs in integer dong; the amount per
 * unit (and each level's) in the form's unit: dong for money, whole workdays for labour, dong of value for property.
 * `workdays` (labour) and `property.value` are the residents' share in that unit, which the schedule's total is set
 * against; for money it is `residentsShare`.
 */
export const Contribution = z
  .strictObject({
    totalCost: z.int().min(0),
    stateBudget: z.int().min(0),
    residentsShare: z.int().min(0),
    /** Missing in data made before forms existed: money. */
    form: ContributionForm.optional(),
    basis: Basis,
    amountPerUnit: z.int().min(0).optional(),
    /** Labour only: the workdays residents give in all. */
    workdays: z.int().min(1).max(10_000_000).optional(),
    /** Property only: what is given and its value. */
    property: PropertyTerms.optional(),
    exemptions: z.array(Exemption).max(3),
  })
  .superRefine((c, ctx) => {
    if (c.stateBudget + c.residentsShare > c.totalCost)
      ctx.addIssue({ code: 'custom', message: 'state budget plus residents share exceeds the total cost', path: ['residentsShare'] });
    const form = c.form ?? 'money';
    if (form === 'labour' && c.workdays === undefined)
      ctx.addIssue({ code: 'custom', message: 'a labour contribution needs its workdays', path: ['workdays'] });
    if (form !== 'labour' && c.workdays !== undefined) ctx.addIssue({ code: 'custom', message: 'workdays are only for labour', path: ['workdays'] });
    if (form === 'property' && c.property === undefined)
      ctx.addIssue({ code: 'custom', message: 'a property contribution needs its description and value', path: ['property'] });
    if (form !== 'property' && c.property !== undefined)
      ctx.addIssue({ code: 'custom', message: 'property is only for a property contribution', path: ['property'] });
  });
export type Contribution = z.infer<typeof Contribution>;

export const Scope = z.strictObject({ kind: z.enum(['hamlet', 'residential_group', 'commune']), name: Text(200) });

/** The fields an official sends to create or edit a consultation (api.md): consultation.json but id and commune. */
export const ConsultationInput = z.strictObject({
  scope: Scope,
  matter: Matter,
  method: Method,
  title: Text(300),
  titleEn: Text(300).optional(),
  description: Text(20_000),
  opensAt: Instant,
  closesAt: Instant,
  questions: z.array(Question).min(1).max(20),
  contribution: Contribution.optional(),
  /**
   * The earlier round this one follows (domain.md: a round that adopted nothing or missed its quorum is followed by
   * a new round with a new version of the proposal; a correction of a published result is a new round that links it).
   */
  follows: Ulid.optional(),
  /** The commune round this hamlet round belongs to (bundle.md "Commune rounds"; Law 10/2022 Art. 21(1) ¶2). */
  group: Ulid.optional(),
});
export type ConsultationInput = z.infer<typeof ConsultationInput>;

/** The kinds of file an official may attach to a disclosure, and the extension each is published under. */
export const DocumentMediaType = z.enum(['application/pdf', 'image/png', 'image/jpeg']);
export type DocumentMediaType = z.infer<typeof DocumentMediaType>;
export const DOCUMENT_EXTENSION: Readonly<Record<DocumentMediaType, string>> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };
/** At most 4 MiB a document, at most 10 documents a consultation. */
export const DOCUMENT_MAX_BYTES = 4 * 1024 * 1024;
export const DOCUMENTS_MAX = 10;

/**
 * A document attached to the disclosure (the project's decision, drawings, cost estimate), published at
 * `c/<id>/<file>`. Its hash is in consultation.json, so the signed result covers the bytes residents downloaded.
 */
export const Document = z
  .strictObject({
    title: Text(300),
    /** The site path relative to `c/<id>/`: `docs/<sha256>.<pdf|png|jpg>`. */
    file: z.string().regex(/^docs\/[0-9a-f]{64}\.(pdf|png|jpg)$/, 'docs/<sha256>.<pdf|png|jpg>'),
    sha256: Hex64,
    bytes: z.int().min(1).max(DOCUMENT_MAX_BYTES),
    mediaType: DocumentMediaType,
  })
  .refine((d) => d.file === documentFile(d.sha256, d.mediaType), { path: ['file'], message: 'file must be docs/<sha256>.<extension of the media type>' });
export type Document = z.infer<typeof Document>;

/** Where a document is published, relative to `c/<id>/`: named by its hash, so it never changes. */
export function documentFile(sha256: string, mediaType: DocumentMediaType): string {
  return `docs/${sha256}.${DOCUMENT_EXTENSION[mediaType]}`;
}

/**
 * consultation.json as published (bundle.md). `documents` is not part of ConsultationInput: officials attach and
 * remove documents through their own routes, never through the create/edit body.
 */
export const Consultation = z.strictObject({
  ...ConsultationInput.shape,
  id: Ulid,
  commune: z.string().min(1).max(64),
  documents: z
    .array(Document)
    .max(DOCUMENTS_MAX)
    .refine((list) => new Set(list.map((d) => d.sha256)).size === list.length, 'a document is attached at most once')
    .optional(),
});
export type Consultation = z.infer<typeof Consultation>;

export const Household = z.strictObject({
  id: RollId,
  hamlet: Text(200),
  /** The head's name: personal data, kept by the commune, never published. */
  head: Text(200),
  members: z.int().min(1).max(100),
  category: Category,
  /**
   * Frontage on the road in decimetres (125 = 12.5 m), for a contribution by metre of frontage; an extension of
   * api.md's roll (an optional sixth CSV column `frontage_m`). Not personal data, but kept with the roll like the rest.
   */
  frontageDecimetres: z.int().min(0).max(999_999).optional(),
});
export type Household = z.infer<typeof Household>;

/** An answer: yes/no/abstain, an option id or abstain, or a sorted list of option ids. */
export const Answer = z.union([z.string().max(64), z.array(z.string().max(64)).max(50)]);
export const Answers = z.record(z.string().max(64), Answer);
export type Answers = z.infer<typeof Answers>;

/** The number printed on a paper slip (bundle.md `result/2`): 1 to 32 of `0-9`, `A-Z` and `-`. */
export const Serial = z.string().regex(/^[0-9A-Z-]{1,32}$/, 'serial: 0-9, A-Z and -, at most 32');
/** A final ballot as published; a slip entered from paper carries its `serial` (result/2). */
export const Ballot = z.strictObject({ answers: Answers, nonce: z.string().regex(/^[0-9a-f]{32}$/), receipt: Hex64, serial: Serial.optional() });
export type Ballot = z.infer<typeof Ballot>;

export const RollFile = z.strictObject({ consultationId: z.string(), households: z.array(z.strictObject({ id: z.string() })) });
export type RollFile = z.infer<typeof RollFile>;
export const Participant = z.strictObject({ id: z.string(), channel: Channel });
export type Participant = z.infer<typeof Participant>;
export const ParticipantsFile = z.strictObject({ consultationId: z.string(), households: z.array(Participant) });
export type ParticipantsFile = z.infer<typeof ParticipantsFile>;
export const BallotsFile = z.strictObject({ consultationId: z.string(), ballots: z.array(Ballot) });
export type BallotsFile = z.infer<typeof BallotsFile>;

export const Actor = z.strictObject({ role: z.enum(['official', 'monitor', 'commune', 'system']), id: z.string() });
export type Actor = z.infer<typeof Actor>;
export const AuditEvent = z.strictObject({
  kind: z.literal('audit/1'),
  seq: z.int().min(1),
  at: Instant,
  actor: Actor,
  action: z.string(),
  data: z.record(z.string(), z.unknown()),
  prev: Hex64,
  hash: Hex64,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** `quorum_not_met` is result/1's; result/2 says `not_enough_present` (a meeting that could not reach the threshold). */
export const OutcomeStatus = z.enum(['adopted', 'rejected', 'no_decision', 'quorum_not_met', 'not_enough_present']);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;
export const QuestionTally = z.strictObject({
  questionId: z.string(),
  type: QuestionType,
  rule: Rule,
  eligible: z.int(),
  cast: z.int(),
  abstain: z.int(),
  counts: z.record(z.string(), z.int()),
  threshold: z.int(),
  outcome: z.strictObject({ status: OutcomeStatus, options: z.array(z.string()) }),
  /** The households present (a meeting, result/2). */
  present: z.int().optional(),
});
export type QuestionTally = z.infer<typeof QuestionTally>;

export const BUNDLE_FILES = ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl'] as const;
/** The other opinions of a result/2 bundle, listed in `files` when published. */
export const OPINIONS_FILE = 'opinions.json';
export type BundleFileName = (typeof BUNDLE_FILES)[number];

/** An "other opinion" text given with a question's answer, kept apart from the ballots (bundle.md `result/2`). */
export const Opinion = z.strictObject({ questionId: z.string(), text: z.string() });
export type Opinion = z.infer<typeof Opinion>;
export const OpinionsFile = z.strictObject({ consultationId: z.string(), opinions: z.array(Opinion) });
export type OpinionsFile = z.infer<typeof OpinionsFile>;

/** How a meeting voted (Art. 18; D59 Art. 3). */
export const Voting = z.enum(['show_of_hands', 'secret_ballot']);
export type Voting = z.infer<typeof Voting>;
/** A show of hands as the counting committee entered it: per question id, per answer or option id, a count. */
export const HandCount = z.record(z.string(), z.record(z.string(), z.int().min(0)));
export type HandCount = z.infer<typeof HandCount>;

/** The signed manifest, the payload of result.jws (bundle.md "The manifest", "Format `result/2`"). */
export const Manifest = z.strictObject({
  format: z.enum(['result/1', 'result/2']),
  consultationId: z.string(),
  files: z.strictObject({
    ...(Object.fromEntries(BUNDLE_FILES.map((f) => [f, Hex64])) as Record<BundleFileName, typeof Hex64>),
    [OPINIONS_FILE]: Hex64.optional(),
  }),
  /** result/2: the round's method, and for a meeting how it voted and, by show of hands, the counts. */
  method: Method.optional(),
  voting: Voting.optional(),
  handCount: HandCount.optional(),
  roll: z.strictObject({ count: z.int() }),
  participants: z.strictObject({ count: z.int(), byChannel: z.strictObject({ online: z.int(), paper: z.int(), meeting: z.int() }) }),
  ballots: z.strictObject({ count: z.int(), merkleRoot: Hex64 }),
  audit: z.strictObject({ count: z.int(), head: Hex64 }),
  tally: z.array(QuestionTally),
  closedAt: Instant,
  publishedAt: Instant,
});
export type Manifest = z.infer<typeof Manifest>;

/** A monitor's countersignature payload (bundle.md "Attestations"). */
export const AttestationPayload = z.strictObject({
  consultationId: z.string(),
  manifest: Hex64,
  monitor: z.strictObject({ name: Text(200), organisation: Text(200) }),
  statement: z.literal('verified'),
  at: Instant,
});
export type AttestationPayload = z.infer<typeof AttestationPayload>;
