/**
 * The roll aggregate: the households of a consultation, by roll version (`C#<id>/HH#<version>#<rollId>`). The
 * consultation item names the version in force, so a roll is replaced by writing a new version and switching to it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Household } from '../../../shared/schemas.ts';
import type { AuditDraft } from '../../core/store.ts';
import { keys, rollPrefix } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { batchWrite, queryAll } from './batch.ts';
import { lock, requireConsultation, unlock } from './consultation-item.ts';
import { HouseholdItem, ItemKey } from './items.ts';
import type { Table } from './table.ts';

export class Roll {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  /**
   * Writes the new roll under a new version, then switches the version in the audited transaction: a failure
   * half-way leaves the previous roll in force, never a mixture. The superseded version is deleted afterwards.
   */
  async replace(id: string, households: Household[], now: string, audit: AuditDraft): Promise<void> {
    const token = await lock(this.table, id, ['draft', 'disclosure'], now);
    try {
      const cur = await requireConsultation(this.table, id);
      const oldVersion = cur.rollVersion ?? 0;
      const version = oldVersion + 1;
      await batchWrite(
        this.table,
        households.map((h) => ({ PutRequest: { Item: { ...keys.household(id, version, h.id), household: h } } })),
      );
      await this.log.transact(id, audit, () => ({
        set: 'rollCount = :n, rollVersion = :v REMOVE lockToken, lockUntil',
        values: { ':n': households.length, ':v': version, ':tok': token },
        condition: 'lockToken = :tok',
      }));
      const stale = await this.versionKeys(id, oldVersion).catch(() => []);
      await batchWrite(
        this.table,
        stale.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })),
      ).catch(() => undefined);
    } catch (err) {
      await unlock(this.table, id, token);
      throw err;
    }
  }

  /** The roll in force. */
  async get(id: string): Promise<Household[]> {
    const cur = await requireConsultation(this.table, id);
    const items = await queryAll(this.table, this.versionQuery(id, cur.rollVersion ?? 0), HouseholdItem, 'roll household');
    return items.map((i) => i.household);
  }

  async onRoll(id: string, household: string): Promise<boolean> {
    const cur = await requireConsultation(this.table, id);
    const r = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.household(id, cur.rollVersion ?? 0, household),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return r.Item !== undefined;
  }

  private versionKeys(id: string, version: number) {
    return queryAll(this.table, this.versionQuery(id, version), ItemKey, 'roll household');
  }

  private versionQuery(id: string, version: number) {
    return {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :hh)',
      ExpressionAttributeValues: { ':p': keys.consultation(id).pk, ':hh': rollPrefix(version) },
      ConsistentRead: true,
    };
  }
}
