/**
 * The ballot box: opening the vote (credentials, household slots, gates), casting, receipts, withdrawing a paper
 * entry, and the recount's read. Casting is one TransactWriteItems (ballot-items.ts); a lost race re-reads the
 * household's slot and tries again, so the household's last ballot wins.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import { withReplacement } from '../../../shared/paper-replacements.ts';
import type { Ballot, Channel, Household, Participant } from '../../../shared/schemas.ts';
import { meetingLog } from '../../core/meeting-log.ts';
import type { AuditDraft, CastInput, CastOutcome, OpenJob, OpenOutcome, TallyInput } from '../../core/store.ts';
import { keys, shardIds, slotPartition } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { type CastItemName, castItems, type WithdrawItemName, withdrawItems } from './ballot-items.ts';
import { batchWrite, queryAll, type WriteRequest } from './batch.ts';
import { lock, requireConsultation, unlock } from './consultation-item.ts';
import { BallotItem, CountedBallotItem, CredentialItem, parseItem, SlotItem, SlotPartitionItem, TallySlotItem } from './items.ts';
import { backoff, MAX_TRIES, withThrottling } from './retry.ts';
import type { Roll } from './roll.ts';
import type { Slips } from './slips.ts';
import type { Table } from './table.ts';
import { CONDITION_FAILED, type Reasons, TransactionCancelledError, transact } from './transaction.ts';

const notOnRoll = (household: string) => `household ${household} is not on the frozen roll`;

/** Households written per step of an opening: some 2,000 items, a few seconds on DynamoDB. */
const OPEN_CHUNK = 1_000;

export class BallotBox {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
    private readonly roll: Roll,
    private readonly slips: Slips,
  ) {}

  /**
   * Opens voting, in as many calls as the roll needs when a deadline is given (core/store.ts `OpenJob`): the slots and
   * credentials, then the serials, are written in chunks of 1,000 households, the progress kept on the consultation
   * item under the job, until the final transaction opens the gates. A call with another job (or none) starts again,
   * removing what an earlier attempt left, so only this opening's households and codes can ever vote.
   */
  async openVoting(
    id: string,
    makeCredentials: (roll: Household[]) => Array<{ household: string; hash: string }>,
    now: string,
    audit: (rollCount: number) => AuditDraft,
    makeSerials?: (roll: Household[]) => string[],
    options: OpenJob = {},
  ): Promise<OpenOutcome> {
    const token = await lock(this.table, id, ['draft', 'disclosure'], now);
    try {
      const roll = await this.roll.get(id);
      if (roll.length === 0) throw new DomainError('wrong_state', 'the roll is empty: upload the households first');
      // The document cannot change while the lock is held (updateDraft respects it): these are the committed dates.
      const cur = await requireConsultation(this.table, id);
      const { opensAt, closesAt } = cur.doc;
      const creds = makeCredentials(roll);
      const serials = makeSerials?.(roll);
      const credOf = new Map(creds.map((k) => [k.household, k.hash]));
      const total = roll.length + (serials?.length ?? 0);
      // A job goes on only over the roll it began with: a roll replaced between two calls starts it again.
      const job = options.job !== undefined ? `${options.job}@${cur.rollVersion ?? 0}` : undefined;
      let written = job !== undefined && cur.openJob === job ? (cur.openWritten ?? 0) : 0;
      if (written === 0) {
        await this.removeSlots(id);
        await this.slips.removeAll(id);
      }
      // Credentials, slots and serials first; they mean nothing until the gates open in the final transaction below.
      // Every household on the frozen roll has a slot (to vote, or to be ticked off); a code only where one was made.
      while (written < total) {
        const chunkStarted = Date.now();
        const end = Math.min(written + OPEN_CHUNK, written < roll.length ? roll.length : total);
        if (written < roll.length) {
          await batchWrite(
            this.table,
            roll.slice(written, end).flatMap((h): WriteRequest[] => {
              const hash = credOf.get(h.id);
              return hash === undefined
                ? [{ PutRequest: { Item: { ...keys.slot(id, h.id), ver: 0 } } }]
                : [
                    { PutRequest: { Item: { ...keys.credential(id, hash), household: h.id } } },
                    { PutRequest: { Item: { ...keys.slot(id, h.id), credHash: hash, ver: 0 } } },
                  ];
            }),
          );
        } else await this.slips.issueMore(id, serials!.slice(written - roll.length, end - roll.length));
        written = end;
        if (job !== undefined) await this.keepProgress(id, token, job, written);
        // Stop while another chunk (twice the last one's time, for a slow moment) would still end before the deadline.
        if (options.deadline !== undefined && written < total && Date.now() + 2 * (Date.now() - chunkStarted) >= options.deadline) {
          await unlock(this.table, id, token);
          return { pending: { written, total } };
        }
      }
      const slipCounts = serials ? ', slipsIssued = :issued, slipsEntered = :zero, slipsReturned = :zero' : '';
      await this.log.transact(id, audit(roll.length), (c) => ({
        set: `#st = :voting, rollCount = :n${slipCounts} REMOVE lockToken, lockUntil, openJob, openWritten`,
        values: { ':voting': 'voting', ':n': roll.length, ':tok': token, ':from': c.st, ...(serials ? { ':issued': serials.length, ':zero': 0 } : {}) },
        condition: 'lockToken = :tok AND #st = :from',
        items: shardIds.map((s) => ({
          name: `gate ${s}`,
          item: { Put: { TableName: this.table.name, Item: { ...keys.gate(id, s), open: true, opensAt, closesAt } } },
        })),
      }));
      return { opensAt, closesAt };
    } catch (err) {
      await unlock(this.table, id, token);
      throw err;
    }
  }

  /** How far the opening `job` got, on the consultation item, while this call holds the lock. */
  private async keepProgress(id: string, token: string, job: string, written: number): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.consultation(id),
        UpdateExpression: 'SET openJob = :job, openWritten = :n',
        ConditionExpression: 'lockToken = :tok',
        ExpressionAttributeValues: { ':job': job, ':n': written, ':tok': token },
      }),
    );
  }

  async findCredential(id: string, hash: string): Promise<string | undefined> {
    const r = await withThrottling(() =>
      this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.credential(id, hash), ConsistentRead: true })),
    );
    return r.Item ? parseItem(CredentialItem, r.Item, 'credential').household : undefined;
  }

  async reissueCredential(id: string, household: string, hash: string, audit: AuditDraft): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.slot(id, household);
      if (!slot) throw new DomainError('not_found', notOnRoll(household));
      const old = slot.credHash;
      try {
        await this.log.transact(id, audit, (cur) => {
          if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
          return {
            condition: '#st = :voting',
            values: { ':voting': 'voting' },
            items: [
              ...(old !== undefined ? [{ name: 'old credential', item: { Delete: { TableName: this.table.name, Key: keys.credential(id, old) } } }] : []),
              { name: 'new credential', item: { Put: { TableName: this.table.name, Item: { ...keys.credential(id, hash), household } } } },
              {
                name: 'slot',
                item: {
                  Update: {
                    TableName: this.table.name,
                    Key: keys.slot(id, household),
                    UpdateExpression: 'SET credHash = :h, ver = ver + :one',
                    ConditionExpression: 'ver = :ver',
                    ExpressionAttributeValues: { ':h': hash, ':ver': slot.ver, ':one': 1 },
                  },
                },
              },
            ],
          };
        });
        return;
      } catch (err) {
        // The slot changed since it was read (another reissue, a ballot): read it again.
        if (err instanceof TransactionCancelledError && attempt < MAX_TRIES) continue;
        throw err;
      }
    }
  }

  async castBallot(input: CastInput): Promise<CastOutcome> {
    const { consultationId: id, household } = input;
    // Most ballots are a household's first: try that without reading the slot (one round trip). If the slot
    // already holds a ballot, or anything else is off, the read-and-retry path below finds out which.
    let slot: SlotItem | undefined | 'unknown' = 'unknown';
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      if (slot !== 'unknown' || attempt > 0) {
        slot = await this.slot(id, household);
        if (!slot) throw new DomainError(input.credentialHash ? 'invalid_code' : 'not_found', notOnRoll(household));
        if (input.credentialHash !== undefined && slot.credHash !== input.credentialHash) throw new DomainError('invalid_code');
      }
      const known = slot === 'unknown' ? undefined : slot;
      const items = castItems(this.table.name, input, known);
      try {
        if (input.audit) {
          // The event says what the entry replaced, from the slot its transaction is conditional on.
          const audit = withReplacement(input.audit, known?.receipt ? { previousChannel: known.channel } : undefined);
          await this.log.transact(id, audit, (cur) => {
            if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
            return { condition: '#st = :voting', values: { ':voting': 'voting' }, items };
          });
        } else {
          await transact(this.table, items);
        }
        return known?.receipt ? { replaced: true, ...(known.channel ? { previousChannel: known.channel } : {}) } : { replaced: false };
      } catch (err) {
        if (!(err instanceof TransactionCancelledError)) throw err;
        const reasons: Reasons<CastItemName> = err.reasons;
        if (reasons.gate === CONDITION_FAILED) throw new DomainError('not_open', 'voting is not open');
        if (input.audit) {
          // The audited transaction reports only a failure of the cast's own items: the slot moved on.
          if (known) await backoff(attempt);
        } else {
          if (reasons.ballot === CONDITION_FAILED) throw new DomainError('busy', 'this ballot was already recorded');
          // The slot is not as assumed (a household voting again, another ballot of the same household won), or a
          // transient conflict: read the slot and try again.
          if (known || reasons.slot !== CONDITION_FAILED) await backoff(attempt);
        }
        slot = undefined;
      }
    }
    throw new DomainError('busy', 'too many simultaneous ballots for this household; try again');
  }

  async receiptStatus(id: string, receipt: string): Promise<'counted' | 'replaced' | undefined> {
    const ballot = await this.ballot(id, receipt);
    // api.md knows counted and replaced: a withdrawn entry is not counted, as a replaced one.
    return ballot?.status === 'withdrawn' ? 'replaced' : ballot?.status;
  }

  async householdVoted(id: string, household: string): Promise<{ voted: boolean; channel?: Channel }> {
    const slot = await this.slot(id, household);
    if (!slot) throw new DomainError('not_found', notOnRoll(household));
    return slot.receipt ? { voted: true, ...(slot.channel ? { channel: slot.channel } : {}) } : { voted: false };
  }

  async withdrawPaperBallot(id: string, household: string, receipt: string, now: string, audit: AuditDraft): Promise<{ restored: boolean }> {
    const moved = () => new DomainError('busy', "this entry is no longer the household's current ballot");
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const slot = await this.slot(id, household);
      if (!slot) throw new DomainError('not_found', notOnRoll(household));
      if (slot.receipt !== receipt || !slot.channel || slot.channel === 'online') throw moved();
      const ballot = await this.ballot(id, receipt);
      if (ballot?.status !== 'counted') throw moved();
      const prev = ballot.prevReceipt;
      const prevChannel = prev ? ballot.prevChannel : undefined;
      const items = withdrawItems(this.table.name, { id, household, receipt, channel: slot.channel, slotVersion: slot.ver, prev, prevChannel, now });
      try {
        await this.log.transact(id, audit, (cur) => {
          if (cur.st !== 'voting') throw new DomainError('not_open', `consultation is ${cur.st}`);
          return { condition: '#st = :voting', values: { ':voting': 'voting' }, items };
        });
        return { restored: Boolean(prev) };
      } catch (err) {
        if (!(err instanceof TransactionCancelledError)) throw err;
        const reasons: Reasons<WithdrawItemName> = err.reasons;
        if (reasons.gate === CONDITION_FAILED) throw new DomainError('not_open', 'voting is not open');
        // The slot or a ballot changed between the reads and the write: read again (and refuse if it moved on).
        await backoff(attempt);
      }
    }
    throw new DomainError('busy', 'too many simultaneous changes for this household; try again');
  }

  /**
   * The recount's input, read with strongly consistent queries of every slot and ballot shard: the households that
   * voted online or on paper by household, or were ticked off as having returned their slip (their slots); every
   * counted ballot, slips with their serials; at a meeting, those present and how it voted (its audit log).
   */
  async readForTally(id: string): Promise<TallyInput> {
    const [roll, item] = await Promise.all([this.roll.get(id), requireConsultation(this.table, id)]);
    const voters: Participant[] = [];
    const returned: Participant[] = [];
    const ballots: Ballot[] = [];
    const receipts = new Set<string>();
    await Promise.all(
      shardIds.map(async (s) => {
        const slots = await queryAll(this.table, this.partition(slotPartition(id, s)), TallySlotItem, 'slot');
        for (const slot of slots) {
          if (slot.sk === '#COUNT') continue;
          if (slot.returned && slot.receipt === undefined) returned.push({ id: slot.sk, channel: 'paper' });
          if (slot.receipt === undefined) continue;
          if (!slot.channel) throw new Error('an item read back (slot) has a receipt but no channel');
          voters.push({ id: slot.sk, channel: slot.channel });
          receipts.add(slot.receipt);
        }
        const counted = await queryAll(
          this.table,
          {
            KeyConditionExpression: 'pk = :p',
            FilterExpression: '#s = :counted',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':p': `B#${id}#${s}`, ':counted': 'counted' },
            ConsistentRead: true,
          },
          CountedBallotItem,
          'ballot',
        );
        for (const b of counted) ballots.push({ answers: b.answers, nonce: b.nonce, receipt: b.sk, ...(b.serial !== undefined ? { serial: b.serial } : {}) });
      }),
    );
    const byHousehold = ballots.filter((b) => b.serial === undefined);
    const slips = ballots.length - byHousehold.length;
    // The slots and the ballots are written in one transaction, so they must agree exactly; if not, refuse to sign.
    if (byHousehold.length !== voters.length || byHousehold.some((b) => !receipts.has(b.receipt))) {
      throw new DomainError('integrity_error', `counted ballots (${byHousehold.length}) do not match participating households (${voters.length})`);
    }
    const meeting = item.doc.method === 'meeting' ? meetingLog(await this.log.events(id)) : undefined;
    const participants = meeting ? meeting.present.map((p): Participant => ({ id: p.household, channel: 'meeting' })) : [...voters, ...returned];
    // Slips name no household: a household ballot's must be as many as came back, a meeting's at most those present.
    if (meeting ? slips > participants.length : item.slipsIssued !== undefined && slips !== returned.length)
      throw new DomainError('integrity_error', `slips entered (${slips}) do not match the households that took part (${participants.length})`);
    const onRoll = new Set(roll.map((h) => h.id));
    const strangers = participants.filter((p) => !onRoll.has(p.id));
    if (strangers.length > 0) throw new DomainError('integrity_error', `${strangers.length} participating household(s) not on the frozen roll`);
    return {
      rollIds: roll.map((h) => h.id),
      participants,
      ballots,
      ...(meeting
        ? {
            present: meeting.present.length,
            ...(meeting.voting ? { voting: meeting.voting } : {}),
            ...(meeting.voting === 'show_of_hands' && meeting.handCount ? { handCount: meeting.handCount } : {}),
          }
        : {}),
    };
  }

  /** Deletes every household slot (and its credential) of a consultation that is not yet voting. */
  private async removeSlots(id: string): Promise<void> {
    const shards = await Promise.all(shardIds.map((s) => queryAll(this.table, this.partition(slotPartition(id, s)), SlotPartitionItem, 'slot')));
    await batchWrite(
      this.table,
      shards
        .flat()
        .flatMap((i) => [
          { DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } },
          ...(i.credHash !== undefined ? [{ DeleteRequest: { Key: keys.credential(id, i.credHash) } }] : []),
        ]),
    );
  }

  private partition(pk: string) {
    return { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk }, ConsistentRead: true };
  }

  private async slot(id: string, household: string): Promise<SlotItem | undefined> {
    const r = await withThrottling(() =>
      this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.slot(id, household), ConsistentRead: true })),
    );
    return r.Item ? parseItem(SlotItem, r.Item, 'slot') : undefined;
  }

  private async ballot(id: string, receipt: string) {
    const r = await withThrottling(() =>
      this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.ballot(id, receipt), ConsistentRead: true })),
    );
    return r.Item ? parseItem(BallotItem, r.Item, 'ballot') : undefined;
  }
}
