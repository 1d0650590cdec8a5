/**
 * A commune's profile (its display name) and the commune's own audit log, in a partition of the commune's:
 * `COMMUNE#<commune>/PROFILE` holds the profile and the head of the chain (`auditSeq`, `auditHead`), and each event is
 * `COMMUNE#<commune>/A#<seq, 10 digits>`. As for a round's log, the event is written in the same transaction as the
 * profile, conditional on the head being unchanged, so two namings at once cannot fork the chain.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { sealEvent } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, CommuneProfile } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { queryAll } from './batch.ts';
import { AuditItem, parseItem } from './items.ts';
import { backoff, MAX_TRIES, withThrottling } from './retry.ts';
import type { Table } from './table.ts';
import { TransactionCancelledError, transact } from './transaction.ts';

const ProfileItem = z.object({
  name: z.string(),
  province: z.string().optional(),
  district: z.string().optional(),
  auditSeq: z.number(),
  auditHead: z.string(),
});
type ProfileItem = z.infer<typeof ProfileItem>;

const profileOf = (item: ProfileItem): CommuneProfile => ({
  name: item.name,
  ...(item.province !== undefined ? { province: item.province } : {}),
  ...(item.district !== undefined ? { district: item.district } : {}),
});

export class Communes {
  constructor(private readonly table: Table) {}

  async profile(commune: string): Promise<CommuneProfile | undefined> {
    const item = await this.item(commune);
    return item ? profileOf(item) : undefined;
  }

  async putProfile(commune: string, profile: CommuneProfile, audit: AuditDraft): Promise<AuditEvent> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const cur = await this.item(commune);
      const event = sealEvent(cur ? { seq: cur.auditSeq, hash: cur.auditHead } : undefined, audit);
      const item = {
        ...keys.communeProfile(commune),
        name: profile.name,
        province: profile.province,
        district: profile.district,
        auditSeq: event.seq,
        auditHead: event.hash,
        updatedAt: audit.at,
      };
      try {
        await transact(this.table, [
          {
            name: 'profile',
            item: {
              Put: {
                TableName: this.table.name,
                Item: item,
                ConditionExpression: cur ? 'auditSeq = :prevSeq' : 'attribute_not_exists(pk)',
                ExpressionAttributeValues: cur ? { ':prevSeq': cur.auditSeq } : undefined,
              },
            },
          },
          {
            name: 'event',
            item: {
              Put: {
                TableName: this.table.name,
                Item: { ...keys.communeAudit(commune, event.seq), event: JSON.stringify(event) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
        ]);
        return event;
      } catch (err) {
        if (!(err instanceof TransactionCancelledError)) throw err;
        // Another naming moved the head first: read it again and chain after it.
        await backoff(attempt);
      }
    }
    throw new DomainError('busy', 'the commune’s profile is busy; try again');
  }

  async events(commune: string): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.table,
      {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':p': keys.communeProfile(commune).pk, ':a': 'A#' },
        ConsistentRead: true,
      },
      AuditItem,
      'commune audit event',
    );
    return items.map((i) => i.event);
  }

  private async item(commune: string): Promise<ProfileItem | undefined> {
    const r = await withThrottling(() =>
      this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.communeProfile(commune), ConsistentRead: true })),
    );
    return r.Item ? parseItem(ProfileItem, r.Item, 'commune profile') : undefined;
  }
}
