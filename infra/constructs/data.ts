import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Key attributes and index, as in functions/adapters/dynamo-table.ts `tableDefinition` (the infra test compares them). */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk', index: 'gsi1', indexPartitionKey: 'gsi1pk', indexSortKey: 'gsi1sk' } as const;
/**
 * The partitions the residents' function may write (functions/adapters/dynamo-table.ts has the layout):
 *
 * - a cast: the gate of the ballot's shard `G#` (a condition check only), the household's slot `S#`, the ballot and the
 *   one it replaces `B#`, the ballot's other opinions `O#`;
 * - a comment or a complaint: the board `D#` and the household's counters on it `Q#`;
 * - a wrong code or receipt lookup: the attempt counters `R#`;
 * - a complaint is an audit event: the event `A#` and the chain's head on the consultation item `C#`, in one
 *   transaction conditional on the head (dynamo/audit.ts). The consultation item shares its partition with the roll,
 *   and an audit event's partition is that of every event of the round, so a leading-key condition cannot keep this
 *   function to "append one event": that the chain cannot fork or lose an event is the transaction's condition, and
 *   that the published log matches is the closer's and the verifier's check. What IAM does keep it from: credentials
 *   `K#`, slip serials `P#`, attestations `T#`, the commune's profile and log `COMMUNE#`, staff sessions, and deleting
 *   anything;
 * - a citizens' initiative a household proposes, and its consent (one per roll id): `I#` (dynamo/initiatives.ts).
 */
export const RESIDENT_WRITE_PREFIXES = ['G#', 'S#', 'B#', 'O#', 'D#', 'Q#', 'R#', 'A#', 'C#', 'I#'] as const;

/** Rate-limit items (`R#<key>`) carry their expiry here, in epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The single DynamoDB table: on demand (a commune's traffic is a few bursts a year), point-in-time recovery,
 * deletion protection and RETAIN, because it holds the only copy of the roll, the audit chain and the ballots
 * until a result is published.
 *
 * Encryption at rest uses the AWS-owned key, deliberately: who may read the data is decided by the IAM below (the
 * residents', the staff and the closer functions, each with statements of its own); a customer managed key would add a key to pay for, to keep enabled (a disabled key makes
 * the table unreadable in the middle of a vote) and to rotate, and the one thing it adds, CloudTrail entries for
 * DynamoDB's own key use, is not a check this system relies on. To change it, pass
 * `TableEncryptionV2.customerManagedKey(key)` (an in-place update).
 *
 * No stream: no function consumes one.
 */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: TABLE_KEYS.index,
          partitionKey: { name: TABLE_KEYS.indexPartitionKey, type: AttributeType.STRING },
          sortKey: { name: TABLE_KEYS.indexSortKey, type: AttributeType.STRING },
        },
      ],
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.dynamoOwnedKey(),
    });
  }

  get indexArn(): string {
    return `${this.table.tableArn}/index/${TABLE_KEYS.index}`;
  }

  /**
   * What the staff function's DynamoStore calls for officials', monitors' and the commune's acts: single reads, the
   * turnout BatchGetItem, queries, the roll's BatchWriteItem, and TransactWriteItems, which IAM authorises item by
   * item as Put, Update, Delete (a reissued code's old credential) and ConditionCheck. No Scan, no table management.
   */
  grantStaffAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'StaffTableItems',
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:BatchWriteItem',
        ],
        resources: [this.table.tableArn],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'StaffConsultationIndex', actions: ['dynamodb:Query'], resources: [this.indexArn] }),
    );
  }

  /**
   * What the residents' routes call: reads, and writes only to the partitions a cast, a comment, a complaint and a
   * code or receipt lookup write (RESIDENT_WRITE_PREFIXES). No DeleteItem, no BatchWriteItem: nothing a resident does
   * removes an item or writes a roll, a credential, a gate or a slip serial.
   */
  grantResidentsAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ResidentsReadTable',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [this.table.tableArn],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ResidentsConsultationIndex', actions: ['dynamodb:Query'], resources: [this.indexArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ResidentsWriteCastCommentComplaintLookup',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [this.table.tableArn],
        // ForAllValues: every item of a request (each item of a TransactWriteItems is authorised on its own) must lie
        // in one of these partitions. The ids after the prefix are made at run time, so the prefix is the finest
        // restriction IAM offers: a consultation's partitions cannot be told from another's.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': RESIDENT_WRITE_PREFIXES.map((p) => `${p}*`) } },
      }),
    );
  }

  /**
   * What closeAndPublish calls: it reads everything of one consultation (the recount), but writes only the
   * consultation item (`C#`), audit events (`A#`) and the voting gates (`G#`). The leading-key condition keeps the
   * only function that can sign from ever writing a ballot, a slot or a credential.
   */
  grantCloserAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'CloserReadTable', actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [this.table.tableArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'CloserConsultationIndex', actions: ['dynamodb:Query'], resources: [this.indexArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'CloserWriteStateAuditGates',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['C#*', 'A#*', 'G#*'] } },
      }),
    );
  }
}
