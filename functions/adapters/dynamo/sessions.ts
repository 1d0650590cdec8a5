/**
 * Staff sessions on DynamoDB: one item per session, `SESSION#<sha256 of the id>/SESSION`, never the id itself. The
 * item carries the table's TTL attribute at the session's end, so DynamoDB removes it; until then a read checks the
 * end itself (TTL deletes late), and signing out deletes the item at once.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import type { StaffSession } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { parseItem } from './items.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';
import { isConditionFailed } from './transaction.ts';

const SessionItem = z.object({
  sub: z.string(),
  role: z.enum(['official', 'monitor', 'commune']),
  commune: z.string(),
  sealedToken: z.string(),
  createdAt: z.string(),
  endsAt: z.string(),
});

/** Epoch seconds for the table's TTL attribute, `expiresAt`, at the session's end. */
const ttlOf = (instant: string) => Math.ceil(Date.parse(instant) / 1000);

export class Sessions {
  constructor(private readonly table: Table) {}

  async put(hash: string, session: StaffSession): Promise<void> {
    try {
      await withThrottling(() =>
        this.table.doc.send(
          new PutCommand({
            TableName: this.table.name,
            Item: { ...keys.session(hash), ...session, expiresAt: ttlOf(session.endsAt) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    } catch (err) {
      if (isConditionFailed(err)) throw new DomainError('busy', 'a session with this id exists');
      throw err;
    }
  }

  async get(hash: string, now: string): Promise<StaffSession | undefined> {
    const r = await withThrottling(() => this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: keys.session(hash), ConsistentRead: true })));
    if (!r.Item) return undefined;
    const session = parseItem(SessionItem, r.Item, 'session');
    return Date.parse(session.endsAt) > Date.parse(now) ? session : undefined;
  }

  async delete(hash: string): Promise<void> {
    await withThrottling(() => this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: keys.session(hash) })));
  }
}
