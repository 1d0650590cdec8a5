import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';

/** A client for the DynamoDB Local started by the integration project's globalSetup. */
export function testDdbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('ddbEndpoint'),
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A table name no other test uses (the database is shared by every integration test file). */
export function uniqueTableName(prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 200);
  return `${safe}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
