/**
 * Step 5 of bundle.md: participants are distinct, sorted, each on the roll; the channels add up; their count equals
 * the ballot count (result/2: as its "Counts of ballots" says, by method and voting); serials are distinct.
 */
import type { Manifest, Participant } from '../schemas.ts';
import { fail, reasonOf, summarize } from './failure.ts';
import { type Bundle, CHANNELS } from './load.ts';

/** True when strictly ascending (sorted and distinct), else the index of the first offender. */
function strictlyAscending(ids: readonly string[]): true | number {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return i;
  return true;
}

/** The participants not on the roll: a merge walk when both are sorted, a set otherwise. */
function notOnRoll(participants: readonly string[], roll: readonly string[], sorted: boolean): string[] {
  const missing: string[] = [];
  if (sorted) {
    let j = 0;
    for (const p of participants) {
      while (j < roll.length && roll[j]! < p) j++;
      if (roll[j] !== p) missing.push(p);
    }
    return missing;
  }
  const onRoll = new Set(roll);
  for (const p of participants) if (!onRoll.has(p)) missing.push(p);
  return missing;
}

/** Pushes to `problems` where the manifest's participant counts differ from participants.json or from its ballot count. */
function countProblems(manifest: Manifest, households: readonly Participant[], byChannel: Record<Participant['channel'], number>, problems: string[]): void {
  const m = manifest.participants;
  if (m.count !== households.length) problems.push(`the manifest counts ${m.count} participants, participants.json has ${households.length}`);
  for (const c of CHANNELS) {
    if (m.byChannel[c] !== byChannel[c]) problems.push(`the manifest counts ${m.byChannel[c]} ${c} participants, participants.json has ${byChannel[c]}`);
  }
  if (m.byChannel.online + m.byChannel.paper + m.byChannel.meeting !== m.count) problems.push("the manifest's channels do not add up to its participant count");
  const wrong = ballotCountProblem(manifest, m.count, manifest.ballots.count);
  if (wrong) problems.push(`the manifest: ${wrong}`);
}

/**
 * bundle.md "Counts of ballots": one ballot per participant (result/1, and result/2 `online` and `household_ballot`
 * rounds); at most one per household present at a meeting by secret ballot; none at a show of hands.
 */
function ballotCountProblem(manifest: Manifest, participants: number, ballots: number): string | undefined {
  if (manifest.format === 'result/2' && manifest.method === 'meeting') {
    if (manifest.voting === 'show_of_hands') {
      return ballots === 0 ? undefined : `biểu quyết giơ tay nhưng có ${ballots} phiếu / a show of hands with ${ballots} ballot(s), not 0`;
    }
    return ballots <= participants
      ? undefined
      : `${ballots} phiếu nhiều hơn ${participants} hộ có mặt / ${ballots} ballots, more than the ${participants} households present`;
  }
  return ballots === participants ? undefined : `${participants} participants but ${ballots} ballots`;
}

/** Pushes to `problems` what breaks result/2's method and voting, and serials given twice. */
async function result2Problems(bundle: Bundle, manifest: Manifest, problems: string[]): Promise<void> {
  if (manifest.format === 'result/2') {
    const method = await bundle.consultation().then(
      (c) => c.method,
      () => undefined,
    );
    if (method !== undefined && method !== manifest.method) {
      problems.push(
        `hình thức ${String(manifest.method)} khác consultation.json (${method}) / the manifest's method ${String(manifest.method)} is not consultation.json's ${method}`,
      );
    }
    if ((manifest.method === 'meeting') !== (manifest.voting !== undefined)) {
      problems.push('chỉ cuộc họp mới ghi cách biểu quyết, và phải ghi / a meeting, and only a meeting, gives voting');
    }
  }
  const { serials } = await bundle.ballots();
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const serial of serials.values()) (seen.has(serial) ? twice : seen).add(serial);
  if (twice.size) problems.push(`số sê-ri lặp lại / serials given more than once: ${[...twice].slice(0, 5).join(', ')}`);
}

/** Step 5: the roll and the participants are sorted and distinct, every participant is on the roll, and the counts agree. */
export async function checkParticipants(bundle: Bundle): Promise<string> {
  const manifest = await bundle.manifest();
  const { ids } = await bundle.roll();
  const { households } = await bundle.participants();
  const problems: string[] = [];
  const rollSorted = strictlyAscending(ids);
  if (rollSorted !== true) problems.push(`roll.json is not sorted by id with distinct ids (at household ${rollSorted + 1})`);
  if (ids.length !== manifest.roll.count) problems.push(`the manifest counts ${manifest.roll.count} households on the roll, roll.json has ${ids.length}`);
  const pids = households.map((h) => h.id);
  const sorted = strictlyAscending(pids);
  if (sorted !== true) problems.push(`participants.json is not sorted by id with distinct ids (at household ${sorted + 1})`);
  const missing = notOnRoll(pids, ids, rollSorted === true && sorted === true);
  if (missing.length) problems.push(`${missing.length} participant(s) not on the roll: ${missing.slice(0, 5).join(', ')}`);
  const byChannel = { online: 0, paper: 0, meeting: 0 };
  for (const h of households) byChannel[h.channel]++;
  countProblems(manifest, households, byChannel, problems);
  try {
    const { count } = await bundle.ballots();
    const wrong = ballotCountProblem(manifest, households.length, count);
    if (wrong) problems.push(wrong);
    await result2Problems(bundle, manifest, problems);
  } catch (e) {
    problems.push(`cannot compare with the ballots: ${reasonOf(e)}`);
  }
  if (problems.length) fail(summarize(problems));
  return `${households.length} participants of ${ids.length} households (online ${byChannel.online}, paper ${byChannel.paper}, meeting ${byChannel.meeting})`;
}
