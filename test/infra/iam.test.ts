/**
 * Least privilege, role by role: every statement of each function's role (and of the role EventBridge Scheduler
 * assumes), its actions, its resources and its conditions, against a table written out here. A role that gains an
 * action, a resource or a statement, or loses a condition, fails this test; so does a role of the stack that is in
 * no table. Plus the Object Lock of the site bucket and what may set or bypass a retention.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKED_BUNDLE_FILES } from '../../functions/adapters/s3-publisher.ts';
import { DEFAULT_RESULT_RETENTION_YEARS as CLOSER_DEFAULT_YEARS } from '../../functions/lambda/aws-deps.ts';
import { DEFAULT_RESULT_RETENTION_YEARS } from '../../infra/config.ts';
import { RESIDENT_WRITE_PREFIXES } from '../../infra/constructs/data.ts';
import { RESULT_LOCKED_FILES } from '../../infra/constructs/site.ts';
import { DanbanStack } from '../../infra/danban-stack.ts';

interface Resource {
  Type: string;
  Properties: Record<string, any>;
}
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
/** A statement as the tables below write it: names for the stack's resources, sorted actions. */
interface Row {
  actions: string[];
  resources: string[];
  condition?: Record<string, Record<string, unknown>>;
}

/** The API's own domain (required by the stack; its value plays no part here). */
const API_DOMAIN = {
  apiDomainName: 'api.danban.example.org',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abcdef01-2345-6789-abcd-ef0123456789',
} as const;

const outdir = mkdtempSync(join(tmpdir(), 'danban-iam-test-'));
let stack: DanbanStack;
let resources: Record<string, Resource>;
/** JSON of a resolved token -> the name the tables use. */
let names: Map<string, string>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(outdir, 'main') });
  stack = new DanbanStack(app, 'DanbanStack', { stage: 'test', ...API_DOMAIN });
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  const r = (token: string) => JSON.stringify(stack.resolve(token));
  names = new Map([
    [r(stack.data.table.tableArn), 'TABLE'],
    [r(stack.site.bucket.bucketArn), 'BUCKET'],
    [r(stack.signing.key.keyArn), 'SIGNING_KEY'],
    [r(stack.signing.receiptKey.keyArn), 'RECEIPT_KEY'],
    [r(stack.api.sealingKey.keyArn), 'SEALING_KEY'],
    [r(stack.closing.closer.functionArn), 'CLOSER'],
    [r(stack.printing.fn.functionArn), 'PRINTER'],
    [r(stack.closing.schedulerRole.roleArn), 'SCHEDULER_ROLE'],
    [r(stack.closing.deadLetterQueue.queueArn), 'CLOSE_FAILURES_QUEUE'],
    [r(stack.api.originVerify.secretArn), 'ORIGIN_SECRET'],
    [r(stack.auth.userPool.userPoolArn), 'USER_POOL'],
  ]);
}, 60_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const idOf = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);

/** A resolved ARN in words: known resources by name, pseudo parameters in angle brackets, joins joined. */
function render(value: unknown): string {
  const known = names.get(JSON.stringify(value));
  if (known) return known;
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

/** Every Allow statement of the identity policies attached to the role with logical id `roleId`, as rows. */
function rowsOf(roleId: string): Row[] {
  const inline = (resources[roleId]?.Properties.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement);
  const attached = Object.values(resources)
    .filter((p) => p.Type === 'AWS::IAM::Policy' && (p.Properties.Roles as unknown[]).some((x) => JSON.stringify(x) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const statements = [...inline, ...attached];
  // Deny statements in an identity policy would only narrow; one is expected (no notice to an SNS topic, beside the
  // staff function's `sns:Publish` on `*`, which is for phone numbers), any other is listed to be looked at.
  const topicsDenied = (s: Statement) =>
    s.Effect === 'Deny' && JSON.stringify(s.Action) === '"sns:Publish"' && JSON.stringify(s.Resource) === '"arn:aws:sns:*:*:*"';
  expect(statements.filter((s) => s.Effect !== 'Allow' && !topicsDenied(s))).toEqual([]);
  const smsAllowed = statements.some((s) => s.Effect === 'Allow' && JSON.stringify(s.Action) === '"sns:Publish"');
  expect(statements.some(topicsDenied), `${roleId}: sns:Publish on * only beside a Deny of every topic`).toBe(smsAllowed);
  return statements
    .filter((s) => s.Effect === 'Allow')
    .map((s) => ({
      actions: ([] as string[]).concat(s.Action).sort(),
      resources: ([] as unknown[]).concat(s.Resource).map(render).sort(),
      ...(s.Condition ? { condition: s.Condition } : {}),
    }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const sorted = (rows: Row[]) =>
  rows
    .map((r) => ({ ...r, actions: [...r.actions].sort(), resources: [...r.resources].sort() }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const objects = (...keys: string[]) => keys.map((k) => `BUCKET/${k}`);
const schedules = 'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/danban-test-closings/close-*';
const leadingKeys = (prefixes: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } });
const LOCKED = ['consultation.json', 'roll.json', 'participants.json', 'ballots.json', 'audit.jsonl', 'opinions.json', 'result.json', 'result.jws'];

/** The residents' API: reads; writes only a cast's, a comment's, a complaint's and a lookup's partitions; one page key. */
const RESIDENTS: Row[] = [
  { actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'], resources: ['TABLE'] },
  { actions: ['dynamodb:Query'], resources: ['TABLE/index/gsi1'] },
  {
    actions: ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    resources: ['TABLE'],
    condition: leadingKeys(['G#', 'S#', 'B#', 'O#', 'D#', 'Q#', 'R#', 'A#', 'C#', 'I#']),
  },
  { actions: ['kms:GetPublicKey'], resources: ['SIGNING_KEY'] },
  // Signs ballot receipts with a key of its own, never the result key.
  {
    actions: ['kms:Sign'],
    resources: ['RECEIPT_KEY'],
    condition: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
  },
  { actions: ['kms:GetPublicKey'], resources: ['RECEIPT_KEY'] },
  { actions: ['s3:PutObject'], resources: objects('c/*/index.html') },
  {
    actions: ['s3:GetObject'],
    resources: objects('c/*/result.jws', 'c/*/result.json', 'c/*/ballots.json', 'c/*/attestations/*', 'g/*/aggregate.jws', 'g/*/aggregate.json'),
  },
  { actions: ['s3:ListBucket'], resources: ['BUCKET'] },
  { actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], resources: ['ORIGIN_SECRET'] },
];

/** The staff function: officials', monitors' and the commune's acts; never a signed file, `keys/` or the home page. */
const STAFF: Row[] = [
  {
    actions: [
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ],
    resources: ['TABLE'],
  },
  { actions: ['dynamodb:Query'], resources: ['TABLE/index/gsi1'] },
  { actions: ['kms:GetPublicKey'], resources: ['SIGNING_KEY'] },
  { actions: ['kms:Decrypt', 'kms:Encrypt'], resources: ['SEALING_KEY'] },
  // Notices to the households by SMS: a Publish to a phone number has no resource to scope to.
  { actions: ['sns:Publish'], resources: ['*'] },
  {
    actions: ['s3:PutObject'],
    resources: objects(
      'c/*/index.html',
      'c/*/attestations/*',
      'c/*/docs/*',
      'c/*/record/*',
      'c/*/contributions/*',
      'c/*/translations/*',
      'g/*/index.html',
      'p/*/index.html',
      'p/*/copy/*',
      'h/*/rules.html',
    ),
  },
  {
    actions: ['s3:GetObject'],
    resources: objects(
      'c/*/result.jws',
      'c/*/result.json',
      'c/*/consultation.json',
      'c/*/roll.json',
      'c/*/participants.json',
      'c/*/ballots.json',
      'c/*/audit.jsonl',
      'c/*/opinions.json',
      'c/*/attestations/*',
      'c/*/record/*',
      'g/*/aggregate.jws',
      'g/*/aggregate.json',
    ),
  },
  { actions: ['s3:ListBucket'], resources: ['BUCKET'] },
  { actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule'], resources: [schedules] },
  { actions: ['iam:PassRole'], resources: ['SCHEDULER_ROLE'], condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } },
  // A close by hand, and the home page (functions/lambda/home-page.ts).
  { actions: ['lambda:InvokeFunction'], resources: ['CLOSER'] },
  { actions: ['lambda:InvokeFunction'], resources: ['PRINTER'] },
  { actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], resources: ['ORIGIN_SECRET'] },
];

/** The closer: signs, writes state, audit and gates only, publishes results, locks their signed files. */
const CLOSER: Row[] = [
  { actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: ['TABLE'] },
  { actions: ['dynamodb:Query'], resources: ['TABLE/index/gsi1'] },
  { actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: ['TABLE'], condition: leadingKeys(['C#', 'A#', 'G#']) },
  {
    actions: ['kms:Sign'],
    resources: ['SIGNING_KEY'],
    condition: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
  },
  { actions: ['kms:GetPublicKey'], resources: ['SIGNING_KEY'] },
  // The receipt key's public half only, for keys/receipt-jwks.json.
  { actions: ['kms:GetPublicKey'], resources: ['RECEIPT_KEY'] },
  { actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: objects('c/*', 'g/*', 'index.html', 'keys/*') },
  { actions: ['s3:PutObjectRetention'], resources: objects(...LOCKED.map((f) => `c/*/${f}`)) },
  { actions: ['s3:GetObject'], resources: objects('c/*/result.jws', 'g/*') },
  { actions: ['scheduler:DeleteSchedule'], resources: [schedules] },
  { actions: ['scheduler:GetSchedule'], resources: [schedules] },
  { actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], resources: ['CLOSE_FAILURES_QUEUE'] },
  // The sweep's notices due by the clock (a reminder, the result), to phone numbers only (every topic denied).
  { actions: ['sns:Publish'], resources: ['*'] },
];

/** The printer: the two records' pages in, their PDFs out. */
const PRINTER: Row[] = [
  { actions: ['s3:GetObject'], resources: objects('c/*/record/decision.html', 'c/*/record/counting.html') },
  { actions: ['s3:PutObject'], resources: objects('c/*/record/decision.pdf', 'c/*/record/counting.pdf') },
  { actions: ['s3:ListBucket'], resources: ['BUCKET'] },
];

/** The role EventBridge Scheduler assumes: invoke the closer, and give up to the dead-letter queue. */
const SCHEDULER: Row[] = [
  { actions: ['lambda:InvokeFunction'], resources: ['CLOSER'] },
  { actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], resources: ['CLOSE_FAILURES_QUEUE'] },
];

describe('each role has exactly the statements of its table', () => {
  it("the residents' API: no delete, writes only in a cast's, a comment's, a complaint's, an initiative's and a lookup's partitions, no signed file, no home page", () => {
    expect(rowsOf(idOf(stack.api.fn.role!))).toEqual(sorted(RESIDENTS));
    expect(RESIDENT_WRITE_PREFIXES).toEqual(['G#', 'S#', 'B#', 'O#', 'D#', 'Q#', 'R#', 'A#', 'C#', 'I#']);
  });

  it('the staff function: the officials’ acts, no signing, no write to a signed file, to keys/ or to the home page', () => {
    expect(rowsOf(idOf(stack.api.officialsFn.role!))).toEqual(sorted(STAFF));
  });

  it('the closer: its rights as before, and a retention on the signed files of a result only', () => {
    expect(rowsOf(idOf(stack.closing.closer.role!))).toEqual(sorted(CLOSER));
  });

  it('the printer and the scheduler role', () => {
    expect(rowsOf(idOf(stack.printing.fn.role!))).toEqual(sorted(PRINTER));
    expect(rowsOf(idOf(stack.closing.schedulerRole))).toEqual(sorted(SCHEDULER));
  });

  it('nothing but the closer may write a signed file of a result, keys/ or the home page (by pattern, wildcards included)', () => {
    const samples = [
      'index.html',
      'keys/jwks.json',
      '.well-known/jwks.json',
      'c/01J0000000000000000000000A/manifest.json',
      ...LOCKED.map((f) => `c/01J0000000000000000000000A/${f}`),
    ];
    const roles = writingRoles();
    expect(roles.length).toBeGreaterThan(4);
    for (const id of roles) {
      for (const row of rowsOf(id).filter((r) => r.actions.some((a) => WRITES.has(a)))) {
        for (const sample of samples)
          expect(
            row.resources.some((res) => matches(res, `BUCKET/${sample}`)),
            `${id} may write ${sample}`,
          ).toBe(false);
      }
    }
  });
});

/** S3 actions that write an object or its retention, and the wildcards that include them. */
const WRITES = new Set(['s3:PutObject', 's3:PutObjectRetention', 's3:Put*', 's3:*', '*']);
/** Does an IAM resource pattern (with `*` and `?`) match `arn`? */
const matches = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);
/**
 * Every role of the stack but the closer's and the deploy-time copy of the verify page's scripts (aws-cdk-lib's
 * BucketDeployment, whose library grant covers the whole bucket; it runs only in a deploy, with the assets it is given).
 */
function writingRoles(): string[] {
  const closerRole = idOf(stack.closing.closer.role!);
  return Object.entries(resources)
    .filter(([id, r]) => r.Type === 'AWS::IAM::Role' && id !== closerRole && !id.startsWith('CustomCDKBucketDeployment'))
    .map(([id]) => id);
}

describe('the receipt key', () => {
  const keyOf = (key: IConstruct) => resources[idOf(key)]!.Properties;
  /** Every role's rows that allow kms:Sign (or a wildcard that includes it) on `name`. */
  const signersOf = (name: string) =>
    Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Role')
      .filter(([id]) =>
        rowsOf(id).some((row) => row.actions.some((a) => ['kms:Sign', 'kms:*', '*'].includes(a)) && row.resources.some((res) => res === name || res === '*')),
      )
      .map(([id]) => id);

  it('is an ECDSA P-256 signing key of its own, not the result key', () => {
    expect(idOf(stack.signing.receiptKey)).not.toBe(idOf(stack.signing.key));
    expect(keyOf(stack.signing.receiptKey).KeySpec).toBe('ECC_NIST_P256');
    expect(keyOf(stack.signing.receiptKey).KeyUsage).toBe('SIGN_VERIFY');
    const env = resources[idOf(stack.api.fn)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(render(env.RECEIPT_KEY_ID)).toBe('RECEIPT_KEY');
    expect(render(env.SIGNING_KEY_ID)).toBe('SIGNING_KEY');
  });

  it("only the residents' API may sign with it, and the API cannot sign with the result key", () => {
    expect(signersOf('RECEIPT_KEY')).toEqual([idOf(stack.api.fn.role!)]);
    expect(signersOf('SIGNING_KEY')).toEqual([idOf(stack.closing.closer.role!)]);
    const staffEnv = resources[idOf(stack.api.officialsFn)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(staffEnv.RECEIPT_KEY_ID).toBeUndefined();
  });

  it('its key policy denies kms:Sign to every principal but the API’s role; the result key’s policy still names the closer alone', () => {
    const denies = (key: IConstruct) =>
      (keyOf(key).KeyPolicy.Statement as Array<Statement & { Principal?: unknown }>).filter(
        (st) => st.Effect === 'Deny' && ([] as string[]).concat(st.Action).includes('kms:Sign'),
      );
    const receipt = denies(stack.signing.receiptKey);
    expect(receipt).toHaveLength(1);
    expect(render(receipt[0]!.Condition!.ArnNotEquals!['aws:PrincipalArn'])).toBe(`<${idOf(stack.api.fn.role!)}.Arn>`);
    const result = denies(stack.signing.key);
    expect(result).toHaveLength(1);
    expect(result[0]!.Sid).toBe('OnlyTheCloserSigns');
    expect(render(result[0]!.Condition!.ArnNotEquals!['aws:PrincipalArn'])).toBe(`<${idOf(stack.closing.closer.role!)}.Arn>`);
  });
});

describe('S3 Object Lock on published results', () => {
  it('the site bucket has Object Lock enabled, versioned, with no default retention (each signed file carries its own)', () => {
    const bucket = resources[idOf(stack.site.bucket)]!.Properties;
    expect(bucket.ObjectLockEnabled).toBe(true);
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.ObjectLockConfiguration?.Rule).toBeUndefined();
  });

  it('the locked files are the signed bundle, the same list in the stack and in the publisher', () => {
    expect([...RESULT_LOCKED_FILES]).toEqual([...LOCKED_BUNDLE_FILES]);
    expect([...RESULT_LOCKED_FILES].sort()).toEqual([...LOCKED].sort());
  });

  it('only the closer may set a retention, on a result’s signed files; no role may bypass governance mode or change the bucket’s lock', () => {
    const roles = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    for (const [id] of roles) {
      const actions = rowsOf(id).flatMap((row) => row.actions);
      expect(actions, id).not.toContain('s3:BypassGovernanceRetention');
      expect(actions, id).not.toContain('s3:PutBucketObjectLockConfiguration');
      expect(actions, id).not.toContain('s3:*');
      expect(actions, id).not.toContain('*');
    }
    for (const id of writingRoles()) {
      const retention = rowsOf(id).filter((row) => row.actions.some((a) => a === 's3:PutObjectRetention' || a === 's3:Put*'));
      for (const row of retention)
        expect(
          row.resources.filter((res) => matches(res, 'BUCKET/c/01J0000000000000000000000A/result.jws')),
          id,
        ).toEqual([]);
    }
  });

  it('the closer keeps results for the configured years, ten by default, as the function does when unset', () => {
    expect(DEFAULT_RESULT_RETENTION_YEARS).toBe(10);
    expect(CLOSER_DEFAULT_YEARS).toBe(DEFAULT_RESULT_RETENTION_YEARS);
    const env = resources[idOf(stack.closing.closer)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(env.RESULT_RETENTION_YEARS).toBe('10');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(outdir, 'seven') });
    const seven = new DanbanStack(app, 'DanbanStack', { stage: 'test', resultRetentionYears: 7, ...API_DOMAIN });
    const sevenEnv = Template.fromStack(seven).toJSON().Resources[seven.getLogicalId(seven.closing.closer.node.defaultChild as CfnElement)].Properties
      .Environment.Variables as Record<string, unknown>;
    expect(sevenEnv.RESULT_RETENTION_YEARS).toBe('7');
  }, 60_000);
});
