import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Key attributes and index, as in functions/adapters/dynamo-table.ts `tableDefinition` (the infra test compares them). */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk', index: 'gsi1', indexPartitionKey: 'gsi1pk', indexSortKey: 'gsi1sk' } as const;
/** Rate-limit items (`R#<key>`) carry their expiry here, in epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The single DynamoDB table: on demand (a commune's traffic is a few bursts a year), point-in-time recovery,
 * deletion protection and RETAIN, because it holds the only copy of the roll, the audit chain and the ballots
 * until a result is published.
 *
 * Encryption at rest uses the AWS-owned key, deliberately: who may read the data is decided by the IAM below (two
 * functions, nothing else); a customer managed key would add a key to pay for, to keep enabled (a disabled key makes
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
   * What the API's DynamoStore calls: single reads, the turnout BatchGetItem, queries, the roll's BatchWriteItem,
   * and TransactWriteItems, which IAM authorises item by item as Put, Update, Delete and ConditionCheck.
   * No Scan, no table management.
   */
  grantApiAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ApiTableItems',
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
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'ApiConsultationIndex', actions: ['dynamodb:Query'], resources: [this.indexArn] }));
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
