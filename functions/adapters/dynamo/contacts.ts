/**
 * The commune's contact book: one private item per commune and roll id, `CONTACT#<commune>/<roll id>`, holding the
 * household's contact record as the officials uploaded it. Never read by the publisher, never in an audit event.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { HouseholdContact } from '../../../shared/contacts.ts';
import { batchWrite, queryAll } from './batch.ts';
import { withThrottling } from './retry.ts';
import type { Table } from './table.ts';

const contactKey = (commune: string, rollId: string) => ({ pk: `CONTACT#${commune}`, sk: rollId });
const ContactItem = z.object({ contact: HouseholdContact });

export class Contacts {
  constructor(private readonly table: Table) {}

  async list(commune: string): Promise<HouseholdContact[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': contactKey(commune, '').pk }, ConsistentRead: true },
      ContactItem,
      'household contact',
    );
    return items.map((i) => i.contact);
  }

  async put(commune: string, contacts: readonly HouseholdContact[]): Promise<void> {
    await batchWrite(
      this.table,
      contacts.map((contact) => ({ PutRequest: { Item: { ...contactKey(commune, contact.rollId), contact: HouseholdContact.parse(contact) } } })),
    );
  }

  async setOptedOut(commune: string, rollId: string, optedOut: boolean): Promise<boolean> {
    try {
      await withThrottling(() =>
        this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: contactKey(commune, rollId),
            UpdateExpression: 'SET contact.optedOut = :o',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':o': optedOut },
          }),
        ),
      );
      return true;
    } catch (err) {
      if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
