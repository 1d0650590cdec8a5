/** M3: each published key signature of the decision record verifies against it and is filed under its signer's role. */
import { fromUtf8 } from '../bytes.ts';
import { MINUTES_ROLES, type MinutesRole, type MinutesSignatureCheck, RECORD_FILES, type SignedRole, verifyMinutesSignature } from '../minutes.ts';
import type { Published } from './load.ts';
import { both, noMinutes, type Outcome, Unmet, unmet } from './outcome.ts';

const ROLE_NAMES: Readonly<Record<MinutesRole, readonly [string, string]>> = {
  village_head: ['Trưởng thôn', 'village head'],
  front_head: ['Trưởng ban công tác Mặt trận', 'head of the Front working committee'],
};

/** Why the signature filed under `role` does not hold, or undefined when it is that role's. */
function signatureProblem(role: MinutesRole, check: MinutesSignatureCheck, pinned: string | undefined): string | undefined {
  const [vi, en] = ROLE_NAMES[role];
  if (!check.ok && check.role === role && pinned !== undefined && check.kid !== undefined && check.kid !== pinned) {
    // Said here in both languages; the shared check's own English sentence for it is left out, any other problem kept.
    const others = check.problems.filter((p) => !p.startsWith(`the key ${check.kid} `));
    const head = both(
      `chữ ký của ${vi} là của khóa ${check.kid}, không phải khóa đã ghi ${pinned}`,
      `the ${en}'s signature is by key ${check.kid}, not the pinned key ${pinned}`,
    );
    return others.length ? `${head}; ${both(`chữ ký của ${vi} không đúng`, `the ${en}'s signature does not hold`)}: ${others.join('; ')}` : head;
  }
  if (!check.ok) return `${both(`chữ ký của ${vi} không đúng`, `the ${en}'s signature does not hold`)}: ${check.problems.join('; ')}`;
  if (check.role !== role)
    return both(
      `${RECORD_FILES.signature(role)} là chữ ký của ${ROLE_NAMES[check.role!][0]}`,
      `${RECORD_FILES.signature(role)} is signed as ${ROLE_NAMES[check.role!][1]}`,
    );
  return undefined;
}

/** Who has signed, each with the kid of the key that signed (what the officer wrote on the paper copy), and who not yet. */
function signersDetail(signedRoles: readonly SignedRole[], missing: readonly MinutesRole[], pins: Partial<Record<MinutesRole, string>>): string {
  const signers = (i: 0 | 1) =>
    signedRoles
      .map(({ role, kid }) => {
        const pin = pins[role] === undefined ? '' : i === 0 ? ', đúng khóa đã ghi' : ', the pinned key';
        return `${ROLE_NAMES[role][i]} (${i === 0 ? 'khóa' : 'key'} ${kid}${pin})`;
      })
      .join(', ');
  const names = (roles: readonly MinutesRole[], i: 0 | 1) => roles.map((r) => ROLE_NAMES[r][i]).join(', ');
  return missing.length
    ? both(`Đã ký: ${signers(0)}; chưa ký: ${names(missing, 0)}`, `signed: ${signers(1)}; not signed yet: ${names(missing, 1)}`)
    : both(`Đã ký đủ: ${signers(0)}`, `signed by all: ${signers(1)}`);
}

/** M3: every published signature of the record holds, by the pinned key of its role when one is given. */
export async function checkMinutesSignatures(published: Published, pins: Partial<Record<MinutesRole, string>> = {}): Promise<Outcome> {
  const { file, minutes } = published;
  const present = MINUTES_ROLES.filter((role) => file(RECORD_FILES.signature(role)));
  if (present.length === 0) return minutes ? { absent: both('Chưa ai ký số văn bản quyết định', 'no one has signed the record with a key yet') } : noMinutes;
  if (!minutes) unmet('có chữ ký nhưng không có văn bản quyết định', 'signatures are published without decision.json');
  const m = published.needMinutes();
  // verifyMinutesSignature refuses a signature by a key not registered for its role (the role the payload names).
  const keys: Partial<Record<MinutesRole, readonly string[]>> = {};
  for (const role of MINUTES_ROLES) if (pins[role] !== undefined) keys[role] = [pins[role]];
  const problems: string[] = [];
  const signedRoles: SignedRole[] = [];
  for (const role of present) {
    const check = await verifyMinutesSignature(fromUtf8(file(RECORD_FILES.signature(role))!), m, { hash: published.hash, keys });
    const problem = signatureProblem(role, check, pins[role]);
    if (problem !== undefined) problems.push(problem);
    else signedRoles.push({ role, kid: check.kid!, at: check.at! });
  }
  if (problems.length) throw new Unmet(problems);
  const missing = MINUTES_ROLES.filter((role) => !present.includes(role));
  return { detail: signersDetail(signedRoles, missing, pins), signed: signedRoles, missing };
}
