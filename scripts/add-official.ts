/**
 * Adds the first official of a commune (or a monitor) to the user pool of a deployed stack: AdminCreateUser, which
 * makes Cognito e-mail a temporary password, then AdminAddUserToGroup. It runs the AWS CLI (`aws cognito-idp`) with
 * your credentials, since the Cognito SDK client is not a dependency of this project; `--dry-run` prints the two
 * commands instead of running them (with --stage it still reads the pool id from the stack's outputs).
 *
 *   npx tsx scripts/add-official.ts --stage prod --username nguyen.van.an --email an@xa-an-binh.gov.vn --commune 26734
 *   npx tsx scripts/add-official.ts --pool ap-southeast-1_AbCdEf123 --username le.thi.binh --email binh@example.org \
 *     --commune 26734 --group monitor --dry-run
 *
 * The commune is immutable in the pool: choose the value once (the commune's administrative unit code is a good
 * one) and give every account of that commune exactly the same value.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The pool's groups and commune attribute (infra/constructs/auth.ts). */
export const GROUPS = ['official', 'monitor', 'commune'] as const;
export const COMMUNE_ATTRIBUTE = 'custom:commune';

export interface NewAccount {
  userPoolId: string;
  username: string;
  email: string;
  commune: string;
  group: (typeof GROUPS)[number];
  region?: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const USERNAME = /^[\p{L}\p{M}\p{N}._@+-]{1,128}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POOL = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;
const STAGE = /^[a-z][a-z0-9-]{0,19}$/;

/** Checks an account before anything is sent; the message names the bad field. */
export function checkAccount(a: NewAccount): NewAccount {
  if (!POOL.test(a.userPoolId)) throw new UsageError(`--pool ${JSON.stringify(a.userPoolId)} is not a user pool id (region_id)`);
  if (!USERNAME.test(a.username)) throw new UsageError('--username: 1-128 letters, digits and . _ @ + -');
  if (!EMAIL.test(a.email)) throw new UsageError('--email is not an e-mail address');
  const commune = a.commune.normalize('NFC').trim();
  if (commune.length < 1 || commune.length > 64) throw new UsageError('--commune: 1 to 64 characters (it cannot be changed later)');
  if (!GROUPS.includes(a.group)) throw new UsageError(`--group: ${GROUPS.join(' or ')}`);
  return { ...a, commune };
}

/** The two AWS CLI calls, as argument lists (no shell: nothing in them is ever interpreted). */
export function accountCommands(account: NewAccount): string[][] {
  const a = checkAccount(account);
  const region = a.region ? ['--region', a.region] : [];
  const attributes = [
    { Name: 'email', Value: a.email },
    // The administrator vouches for the address: the invitation and any password reset go there.
    { Name: 'email_verified', Value: 'true' },
    { Name: COMMUNE_ATTRIBUTE, Value: a.commune },
  ];
  return [
    [
      'cognito-idp',
      'admin-create-user',
      ...region,
      '--user-pool-id',
      a.userPoolId,
      '--username',
      a.username,
      '--user-attributes',
      JSON.stringify(attributes),
      '--desired-delivery-mediums',
      'EMAIL',
    ],
    ['cognito-idp', 'admin-add-user-to-group', ...region, '--user-pool-id', a.userPoolId, '--username', a.username, '--group-name', a.group],
  ];
}

/** The stack's UserPoolId output (`danban-<stage>`). */
function poolOfStage(stage: string, region: string | undefined): string {
  if (!STAGE.test(stage)) throw new UsageError(`--stage ${JSON.stringify(stage)} is not a stage name`);
  const args = ['cloudformation', 'describe-stacks', ...(region ? ['--region', region] : []), '--stack-name', `danban-${stage}`];
  const out = aws([...args, '--query', "Stacks[0].Outputs[?OutputKey=='UserPoolId'].OutputValue", '--output', 'text']);
  if (out.status !== 0) throw new Error(`could not read the outputs of stack danban-${stage}: ${out.stderr.trim()}`);
  const pool = out.stdout.trim();
  if (!pool || pool === 'None') throw new Error(`stack danban-${stage} has no UserPoolId output`);
  return pool;
}

function aws(args: string[]) {
  const r = spawnSync('aws', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`cannot run the AWS CLI (${r.error.message}); install it, or use --dry-run and run the commands elsewhere`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const USAGE = `usage: npx tsx scripts/add-official.ts (--stage <stage> | --pool <user pool id>) --username <name> --email <address> --commune <commune>
       [--group official|monitor|commune] [--region <region>] [--dry-run]`;

const OPTIONS = {
  stage: { type: 'string' },
  pool: { type: 'string' },
  username: { type: 'string' },
  email: { type: 'string' },
  commune: { type: 'string' },
  group: { type: 'string', default: 'official' },
  region: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export function main(argv: string[]): number {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (!values.username || !values.email || !values.commune) throw new UsageError('--username, --email and --commune are required');
    if ((values.stage === undefined) === (values.pool === undefined)) throw new UsageError('give --stage or --pool (one of them)');
    const dryRun = values['dry-run'];
    // A dry run still reads the stack's outputs (a read); it only prints the two writes.
    const userPoolId = values.pool ?? poolOfStage(values.stage!, values.region);
    const account: NewAccount = {
      userPoolId,
      username: values.username,
      email: values.email,
      commune: values.commune,
      group: values.group as NewAccount['group'],
      ...(values.region ? { region: values.region } : {}),
    };
    const commands = accountCommands(account);
    if (dryRun) {
      for (const args of commands) console.log(['aws', ...args].map(quote).join(' '));
      return 0;
    }
    const [create, addToGroup] = commands as [string[], string[]];
    const created = aws(create);
    if (created.status !== 0) {
      if (!created.stderr.includes('UsernameExistsException')) throw new Error(`admin-create-user failed: ${created.stderr.trim()}`);
      console.log(`${values.username} exists already (its commune is unchanged: it cannot be); adding it to ${account.group}`);
    } else {
      console.log(`created ${values.username} (${account.group} of ${account.commune}); Cognito e-mailed a temporary password to ${values.email}`);
    }
    const added = aws(addToGroup);
    if (added.status !== 0) throw new Error(`admin-add-user-to-group failed: ${added.stderr.trim()}`);
    console.log(`${values.username} is in the group ${account.group}`);
    return 0;
  } catch (err) {
    console.error(err instanceof UsageError ? `${err.message}\n${USAGE}` : (err as Error).message);
    return err instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
