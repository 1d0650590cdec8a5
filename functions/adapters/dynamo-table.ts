/**
 * The single DynamoDB table of the system: its key schema (mirrored by the CDK `Data` construct) and the key
 * layout of every item. Ballots and household slots are spread over 16 partitions per consultation so that a
 * busy vote is never one hot partition.
 *
 * | item | pk | sk |
 * | --- | --- | --- |
 * | consultation | `C#<id>` | `C` |
 * | roll household (private: has the head's name), by roll version | `C#<id>` | `HH#<version>#<rollId>` |
 * | audit event | `A#<id>` | `<seq, 10 digits>` |
 * | voting gate, one per shard (closing flips all 16 in one transaction) | `G#<id>` | `<shard>` |
 * | household slot: current credential hash and a pointer to the counted ballot | `S#<id>#<shard>` | `<rollId>` |
 * | turnout counter of a slot shard | `S#<id>#<shard>` | `#COUNT` |
 * | credential (by hash of the voting code) | `K#<id>#<hash>` | `K` |
 * | ballot (no household id, no channel) | `B#<id>#<shard>` | `<receipt>` |
 * | paper slip serial (no household id): issued at opening or taken at entry, with its receipt once entered | `P#<id>` | `<serial>` |
 * | attempt counter (rate limit) | `R#<key>` | `R` |
 * | discussion comment or official answer (by roll id, never a name from the roll) | `D#<id>` | `<commentId>` |
 * | complaint about a published result or official answer (by roll id) | `D#<id>#complaints` | `<commentId>` |
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const SHARDS = 16;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

const hex = (n: number) => n.toString(16);

/** The sort-key prefix of one version of a consultation's roll. */
export const rollPrefix = (version: number) => `HH#${String(version).padStart(6, '0')}#`;

/** The shard of a receipt: its first hex digit (receipts are uniform hashes). */
export function receiptShard(receipt: string): string {
  return receipt.charAt(0);
}

/** The shard of a household's slot: FNV-1a of the roll id, mod 16. */
export function householdShard(rollId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < rollId.length; i++) {
    h ^= rollId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return hex(h % SHARDS);
}

export const shardIds = Array.from({ length: SHARDS }, (_, i) => hex(i));

export const keys = {
  consultation: (id: string) => ({ pk: `C#${id}`, sk: 'C' }),
  household: (id: string, version: number, rollId: string) => ({ pk: `C#${id}`, sk: `${rollPrefix(version)}${rollId}` }),
  audit: (id: string, seq: number) => ({ pk: `A#${id}`, sk: String(seq).padStart(10, '0') }),
  gate: (id: string, shard: string) => ({ pk: `G#${id}`, sk: shard }),
  slot: (id: string, rollId: string) => ({ pk: `S#${id}#${householdShard(rollId)}`, sk: rollId }),
  counter: (id: string, shard: string) => ({ pk: `S#${id}#${shard}`, sk: '#COUNT' }),
  credential: (id: string, hash: string) => ({ pk: `K#${id}#${hash}`, sk: 'K' }),
  ballot: (id: string, receipt: string) => ({ pk: `B#${id}#${receiptShard(receipt)}`, sk: receipt }),
  serial: (id: string, serial: string) => ({ pk: `P#${id}`, sk: serial }),
  attempts: (key: string) => ({ pk: `R#${key}`, sk: 'R' }),
  comment: (id: string, commentId: string, board: 'discussion' | 'complaints' = 'discussion') => ({
    pk: board === 'discussion' ? `D#${id}` : `D#${id}#${board}`,
    sk: commentId,
  }),
};
