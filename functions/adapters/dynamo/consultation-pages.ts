/**
 * The lists' pages of consultations, read from the `gsi1` index newest id first:
 *
 * | partition (`gsi1pk`) | items | sort key (`gsi1sk`) |
 * | --- | --- | --- |
 * | `CONS` | the consultation items `C#<id>/C` themselves | `<id>` |
 * | `CONS#<commune>` | one small entry per consultation, `C#<id>/COMMUNE`, holding only its keys | `<id>` |
 *
 * An item has one `gsi1pk`, so the per-commune key lives on a companion item rather than on the consultation. The
 * entry never changes (a consultation keeps its commune), so only the creation writes it, in the same transaction;
 * consultations created before the entries existed get theirs from a one-time backfill on the first commune page,
 * which a marker item records as done. A commune page reads the entries, then the consultations they name.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import type { Consultation, State } from '../../../shared/schemas.ts';
import type { ConsultationPage, ConsultationPageQuery, ConsultationSummary } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import { batchGet, batchWrite, queryAll } from './batch.ts';
import { ConsultationItem, parseItem } from './items.ts';
import type { Table } from './table.ts';

/** The `gsi1` partition of every consultation. */
export const ALL_CONSULTATIONS = 'CONS';
const ENTRY_SK = 'COMMUNE';
/** Written once every consultation of the table has its commune entry. */
const BACKFILL_MARKER = { pk: 'M#commune-index', sk: 'M' };

const communePartition = (commune: string) => `CONS#${commune}`;

/** The commune entry of a consultation, written with it. */
export function communeEntry(c: Pick<Consultation, 'id' | 'commune'>) {
  return { pk: keys.consultation(c.id).pk, sk: ENTRY_SK, gsi1pk: communePartition(c.commune), gsi1sk: c.id };
}

/** The keys of an item of the index: what DynamoDB's LastEvaluatedKey holds, and what a cursor carries. */
const IndexKey = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });
type IndexKey = z.infer<typeof IndexKey>;
const CursorKey = z.strictObject({
  pk: z.string().max(100),
  sk: z.string().max(20),
  gsi1pk: z.string().max(100),
  gsi1sk: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
});

const DocOnly = ConsultationItem.pick({ doc: true });
const ItemWithKey = ConsultationItem.extend({ gsi1sk: z.string() });

const badCursor = () => new DomainError('invalid_request', 'the cursor is not one this list gave', [{ path: 'cursor', message: 'unknown cursor' }]);

function encodeCursor(key: IndexKey): string {
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk, gsi1pk: key.gsi1pk, gsi1sk: key.gsi1sk })).toString('base64url');
}

/** The start key a cursor stands for, if it is one of this partition's (else `invalid_request`, never a failed query). */
function decodeCursor(cursor: string, partition: string, sk: string): IndexKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const key = CursorKey.safeParse(value);
  if (!key.success || key.data.gsi1pk !== partition || key.data.sk !== sk || key.data.pk !== keys.consultation(key.data.gsi1sk).pk) throw badCursor();
  return key.data;
}

/** A consultation item as a list shows it. */
function summaryOf(i: ConsultationItem): ConsultationSummary {
  const c = i.doc;
  return {
    id: c.id,
    commune: c.commune,
    title: c.title,
    ...(c.titleEn !== undefined ? { titleEn: c.titleEn } : {}),
    matter: c.matter,
    method: c.method,
    scope: c.scope,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    state: i.st,
    ...(i.resultUrl ? { resultUrl: i.resultUrl } : {}),
    ...(i.closedAt ? { closedAt: i.closedAt } : {}),
  };
}

/** DynamoDB's BatchGetItem takes at most 100 keys. */
const MAX_BATCH = 100;

export class ConsultationPages {
  private backfilled: Promise<void> | undefined;

  constructor(private readonly table: Table) {}

  async page(query: ConsultationPageQuery): Promise<ConsultationPage> {
    const states = query.state === undefined ? undefined : new Set<State>([query.state].flat());
    const commune = query.commune;
    const partition = commune === undefined ? ALL_CONSULTATIONS : communePartition(commune);
    let start: IndexKey | undefined = query.cursor === undefined ? undefined : decodeCursor(query.cursor, partition, commune === undefined ? 'C' : ENTRY_SK);
    if (commune !== undefined) await this.backfill();
    // One more than asked, to know whether a next page exists; the cursor is the key of the last one returned.
    const found: Array<{ key: IndexKey; summary: ConsultationSummary }> = [];
    while (found.length <= query.limit) {
      const r = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': partition },
          ScanIndexForward: false,
          Limit: Math.min(MAX_BATCH, query.limit + 1 - found.length),
          ExclusiveStartKey: start,
        }),
      );
      const rows = r.Items ?? [];
      const read = commune === undefined ? this.fromItems(rows) : await this.fromEntries(rows);
      for (const row of read) if (!states || states.has(row.summary.state)) found.push(row);
      start = r.LastEvaluatedKey === undefined ? undefined : parseItem(IndexKey, r.LastEvaluatedKey, 'index key');
      if (!start) break;
    }
    if (found.length <= query.limit) return { items: found.map((f) => f.summary) };
    const shown = found.slice(0, query.limit);
    return { items: shown.map((f) => f.summary), cursor: encodeCursor(shown[shown.length - 1]!.key) };
  }

  private fromItems(rows: Record<string, unknown>[]) {
    return rows.map((row) => ({ key: parseItem(IndexKey, row, 'consultation'), summary: summaryOf(parseItem(ItemWithKey, row, 'consultation')) }));
  }

  /** The consultations the entries name, in the entries' order (an entry whose consultation is gone is left out). */
  private async fromEntries(rows: Record<string, unknown>[]) {
    const entries = rows.map((row) => parseItem(IndexKey, row, 'commune entry'));
    const items = await batchGet(
      this.table,
      entries.map((e) => keys.consultation(e.gsi1sk)),
      ItemWithKey,
      'consultation',
    );
    const byId = new Map(items.map((i) => [i.gsi1sk, i]));
    return entries.flatMap((key) => {
      const item = byId.get(key.gsi1sk);
      return item ? [{ key, summary: summaryOf(item) }] : [];
    });
  }

  /** Writes the commune entries of consultations created before they existed, once per table (then once per process). */
  private backfill(): Promise<void> {
    this.backfilled ??= this.writeMissingEntries().catch((err: unknown) => {
      this.backfilled = undefined;
      throw err;
    });
    return this.backfilled;
  }

  private async writeMissingEntries(): Promise<void> {
    const marker = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: BACKFILL_MARKER, ConsistentRead: true }));
    if (marker.Item) return;
    const all = await queryAll(
      this.table,
      { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': ALL_CONSULTATIONS }, ProjectionExpression: 'doc' },
      DocOnly,
      'consultation',
    );
    // Putting an entry again is harmless: it is the same item.
    await batchWrite(
      this.table,
      all.map((i) => ({ PutRequest: { Item: communeEntry(i.doc) } })),
    );
    await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: BACKFILL_MARKER }));
  }
}
