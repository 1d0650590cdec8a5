/** The table every part of the store reads and writes: its document client and its name. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

/** The table `name` through a document client over `client` (undefined attributes are left out, never written). */
export function openTable(client: DynamoDBClient, name: string): Table {
  return { doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), name };
}
