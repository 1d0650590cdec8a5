/**
 * The roll aggregate: the households of a consultation, by roll version, kept in 256 buckets per version
 * (`C#<id>/HB#<version>#<bucket>`, a bucket's households as one JSON text; the bucket of a household is FNV-1a of its
 * roll id). A 50,000-household roll is then 256 items, written in a dozen requests, so an upload of any size the API
 * takes (5 MiB) is well within one call; a household is found by reading its one bucket. Rolls written before the
 * buckets (`C#<id>/HH#<version>#<rollId>`, one item a household) are still read. The consultation item names the
 * version in force, so a roll is replaced by writing a new version and switching to it.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { Household } from '../../../shared/schemas.ts';
import type { AuditDraft } from '../../core/store.ts';
import { keys, rollPrefix } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { batchWrite, queryAll } from './batch.ts';
import { lock, requireConsultation, unlock } from './consultation-item.ts';
import { HouseholdItem, ItemKey, parseItem } from './items.ts';
import type { Table } from './table.ts';

const AttemptsAttributes = z.object({ rollAttempts: z.number().int().positive() });
const BucketItem = z.object({ pk: z.string(), sk: z.string(), households: z.string() });
const BucketHouseholds = z.array(Household);

export const ROLL_BUCKETS = 256;
/** Well under DynamoDB's 400 KB an item: a 5 MiB roll spread over 256 buckets is some 20 KB a bucket. */
const MAX_BUCKET_BYTES = 350_000;

const bucketPrefix = (version: number) => `HB#${String(version).padStart(6, '0')}#`;

/** A household's bucket: FNV-1a of its roll id, mod 256, as two hex digits. */
export function rollBucket(rollId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < rollId.length; i++) {
    h ^= rollId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % ROLL_BUCKETS).toString(16).padStart(2, '0');
}

const byId = (a: Household, b: Household) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class Roll {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  /**
   * Writes the new roll under a version of its own (every attempt takes a fresh one, so what a failed attempt wrote
   * can never join a later roll), then switches to it in the audited transaction: a failure half-way leaves the
   * previous roll in force, never a mixture. Every other version (the superseded roll with its heads' names, and
   * whatever a failed attempt left) is deleted afterwards; should that fail, the next upload or the opening does it.
   */
  async replace(id: string, households: Household[], now: string, audit: AuditDraft): Promise<void> {
    const buckets = new Map<string, Household[]>();
    for (const h of households) {
      const b = rollBucket(h.id);
      const list = buckets.get(b);
      if (list) list.push(h);
      else buckets.set(b, [h]);
    }
    const texts = [...buckets].map(([bucket, list]) => ({ bucket, text: JSON.stringify(list.sort(byId)) }));
    if (texts.some((t) => t.text.length > MAX_BUCKET_BYTES)) throw new DomainError('payload_too_large', 'the roll is too large to keep');
    const token = await lock(this.table, id, ['draft', 'disclosure'], now);
    let version: number | undefined;
    try {
      const cur = await requireConsultation(this.table, id);
      version = await this.newVersion(id, cur.rollVersion ?? 0, token);
      const pk = keys.consultation(id).pk;
      await batchWrite(
        this.table,
        texts.map((t) => ({ PutRequest: { Item: { pk, sk: `${bucketPrefix(version!)}${t.bucket}`, households: t.text } } })),
      );
      await this.log.transact(id, audit, () => ({
        set: 'rollCount = :n, rollVersion = :v REMOVE lockToken, lockUntil',
        values: { ':n': households.length, ':v': version, ':tok': token },
        condition: 'lockToken = :tok',
      }));
    } catch (err) {
      // This attempt's items go at once (best effort: the next upload removes any left).
      if (version !== undefined) await this.deleteVersions(id, (v) => v === version).catch(() => undefined);
      await unlock(this.table, id, token);
      throw err;
    }
    await this.prune(id).catch(() => undefined);
  }

  /** Deletes every version of the roll but the one in force: superseded rolls and what failed attempts left. */
  async prune(id: string): Promise<void> {
    const cur = await requireConsultation(this.table, id);
    const inForce = cur.rollVersion ?? 0;
    await this.deleteVersions(id, (v) => v !== inForce);
  }

  /** The roll in force, by roll id. */
  async get(id: string): Promise<Household[]> {
    const cur = await requireConsultation(this.table, id);
    const version = cur.rollVersion ?? 0;
    const [buckets, legacy] = await Promise.all([
      queryAll(this.table, this.prefixQuery(id, bucketPrefix(version)), BucketItem, 'roll bucket'),
      queryAll(this.table, this.prefixQuery(id, rollPrefix(version)), HouseholdItem, 'roll household'),
    ]);
    const out = legacy.map((i) => i.household);
    for (const b of buckets) out.push(...BucketHouseholds.parse(JSON.parse(b.households)));
    return out.sort(byId);
  }

  async onRoll(id: string, household: string): Promise<boolean> {
    const cur = await requireConsultation(this.table, id);
    const version = cur.rollVersion ?? 0;
    const pk = keys.consultation(id).pk;
    const bucket = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk, sk: `${bucketPrefix(version)}${rollBucket(household)}` }, ConsistentRead: true }),
    );
    if (bucket.Item) return BucketHouseholds.parse(JSON.parse(parseItem(BucketItem, bucket.Item, 'roll bucket').households)).some((h) => h.id === household);
    const r = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.household(id, version, household), ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return r.Item !== undefined;
  }

  /** A version no earlier attempt used: a counter on the consultation, taken under the lock. */
  private async newVersion(id: string, inForce: number, token: string): Promise<number> {
    const r = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.consultation(id),
        UpdateExpression: 'SET rollAttempts = if_not_exists(rollAttempts, :base) + :one',
        ConditionExpression: 'lockToken = :tok',
        ExpressionAttributeValues: { ':base': inForce, ':one': 1, ':tok': token },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return parseItem(AttemptsAttributes, r.Attributes, 'roll attempts').rollAttempts;
  }

  /** Deletes the roll items (buckets, and one-household items of old) of every version `which` picks. */
  private async deleteVersions(id: string, which: (version: number) => boolean): Promise<void> {
    const keysOf = (prefix: string) => queryAll(this.table, { ...this.prefixQuery(id, prefix), ProjectionExpression: 'pk, sk' }, ItemKey, 'roll item');
    const all = [...(await keysOf('HB#')), ...(await keysOf('HH#'))];
    const stale = all.filter((i) => which(Number(i.sk.split('#')[1])));
    await batchWrite(
      this.table,
      stale.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })),
    );
  }

  private prefixQuery(id: string, prefix: string) {
    return {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':p': keys.consultation(id).pk, ':prefix': prefix },
      ConsistentRead: true,
    };
  }
}
