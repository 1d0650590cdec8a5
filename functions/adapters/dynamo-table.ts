/**
 * The single DynamoDB table of the system: its key schema (mirrored by the CDK `Data` construct) and the key
 * layout of every item. Ballots, household slots and voting gates are spread over 64 partitions per consultation
 * so that a busy vote is never one hot partition; each gate is a partition of its own, and closing flips all 64 in
 * one TransactWriteItems (64 gates + the consultation head + its audit event: well under the 100-item limit).
 *
 * | item | pk | sk |
 * | --- | --- | --- |
 * | consultation | `C#<id>` | `C` |
 * | roll households (private: the heads' names), by roll version, in 256 buckets of JSON (roll.ts) | `C#<id>` | `HB#<version>#<bucket>` |
 * | a roll household as kept before the buckets (still read) | `C#<id>` | `HH#<version>#<rollId>` |
 * | the commune index entry of a consultation (its commune's list, in gsi1) | `C#<id>` | `COMMUNE` |
 * | the closer's lease and the kept signature of the result (publication.ts) | `C#<id>` | `PUB` |
 * | the sealed key of an online round's code slips, with a time to live (publication.ts) | `C#<id>` | `SLIPKEY` |
 * | marker: every consultation has its commune index entry | `M#commune-index` | `M` |
 * | a commune's profile (its display name) and the head of the commune's own audit log (dynamo/communes.ts) | `COMMUNE#<commune>` | `PROFILE` |
 * | an event of the commune's own audit log (its naming) | `COMMUNE#<commune>` | `A#<seq, 10 digits>` |
 * | a process (a village-head election) and the head of its own audit log (dynamo/processes.ts) | `PROCESS#<id>` | `PROCESS` |
 * | an event of a process's own audit log | `PROCESS#<id>` | `A#<seq, 10 digits>` |
 * | a copy of a process in its commune's list | `COMMUNE#<commune>` | `PROCESS#<id>` |
 * | audit event | `A#<id>` | `<seq, 10 digits>` |
 * | a monitor account's countersignature of a round, once (its event is in the log) | `T#<id>` | `<sub>` |
 * | voting gate, one per ballot shard (closing flips all 64 in one transaction) | `G#<id>#<shard>` | `G` |
 * | household slot: current credential hash and a pointer to the counted ballot | `S#<id>#<shard>` | `<rollId>` |
 * | turnout counter of a slot shard (rounds opened before the turnout was counted from the slots) | `S#<id>#<shard>` | `#COUNT` |
 * | credential (by hash of the voting code) | `K#<id>#<hash>` | `K` |
 * | ballot (no household id, no channel) | `B#<id>#<shard>` | `<receipt>` |
 * | paper slip serial (no household id): issued at opening or taken at entry, with its receipt once entered | `P#<id>` | `<serial>` |
 * | attempt counter (rate limit) | `R#<key>` | `R` |
 * | discussion comment or official answer (by roll id, never a name from the roll) | `D#<id>` | `<commentId>` |
 * | complaint about a published result or official answer (by roll id) | `D#<id>#complaints` | `<commentId>` |
 * | a household's comment counters on a board: in all, and per fixed window (dynamo/boards.ts) | `Q#<id>#<board>` | `<rollId>`, `<rollId>#W<window>` |
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Shards of a consultation's gates, ballots and slots: shard ids are `0` to `3f` (hex). */
export const SHARDS = 64;

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

/** FNV-1a (32 bits) of a string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The shard of a receipt (or an opinion's random id): its first byte mod 64, as receipts are uniform hex hashes. */
export function receiptShard(receipt: string): string {
  const byte = Number.parseInt(receipt.slice(0, 2), 16);
  return hex((Number.isNaN(byte) ? fnv1a(receipt) : byte) % SHARDS);
}

/** The shard of a household's slot: FNV-1a of the roll id, mod 64. */
export function householdShard(rollId: string): string {
  return hex(fnv1a(rollId) % SHARDS);
}

export const shardIds = Array.from({ length: SHARDS }, (_, i) => hex(i));

/** The partition of one shard of a consultation's household slots. */
export const slotPartition = (id: string, shard: string) => `S#${id}#${shard}`;

export const keys = {
  consultation: (id: string) => ({ pk: `C#${id}`, sk: 'C' }),
  household: (id: string, version: number, rollId: string) => ({ pk: `C#${id}`, sk: `${rollPrefix(version)}${rollId}` }),
  audit: (id: string, seq: number) => ({ pk: `A#${id}`, sk: String(seq).padStart(10, '0') }),
  attestation: (id: string, sub: string) => ({ pk: `T#${id}`, sk: sub }),
  gate: (id: string, shard: string) => ({ pk: `G#${id}#${shard}`, sk: 'G' }),
  slot: (id: string, rollId: string) => ({ pk: slotPartition(id, householdShard(rollId)), sk: rollId }),
  counter: (id: string, shard: string) => ({ pk: slotPartition(id, shard), sk: '#COUNT' }),
  credential: (id: string, hash: string) => ({ pk: `K#${id}#${hash}`, sk: 'K' }),
  ballot: (id: string, receipt: string) => ({ pk: `B#${id}#${receiptShard(receipt)}`, sk: receipt }),
  serial: (id: string, serial: string) => ({ pk: `P#${id}`, sk: serial }),
  attempts: (key: string) => ({ pk: `R#${key}`, sk: 'R' }),
  /** A staff session, by the SHA-256 of its id (never the id); removed by TTL after it ends. */
  session: (hash: string) => ({ pk: `SESSION#${hash}`, sk: 'SESSION' }),
  communeProfile: (commune: string) => ({ pk: `COMMUNE#${commune}`, sk: 'PROFILE' }),
  communeAudit: (commune: string, seq: number) => ({ pk: `COMMUNE#${commune}`, sk: `A#${String(seq).padStart(10, '0')}` }),
  process: (id: string) => ({ pk: `PROCESS#${id}`, sk: 'PROCESS' }),
  processAudit: (id: string, seq: number) => ({ pk: `PROCESS#${id}`, sk: `A#${String(seq).padStart(10, '0')}` }),
  processOfCommune: (commune: string, id: string) => ({ pk: `COMMUNE#${commune}`, sk: `PROCESS#${id}` }),
  comment: (id: string, commentId: string, board: 'discussion' | 'complaints' = 'discussion') => ({
    pk: board === 'discussion' ? `D#${id}` : `D#${id}#${board}`,
    sk: commentId,
  }),
  commentQuota: (id: string, board: 'discussion' | 'complaints', rollId: string, window?: number) => ({
    pk: `Q#${id}#${board}`,
    sk: window === undefined ? rollId : `${rollId}#W${window}`,
  }),
};
