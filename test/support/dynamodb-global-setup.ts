import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the in-memory DynamoDB Local shared by the integration tests. */
    ddbEndpoint: string;
  }
}

/** Starts one in-memory DynamoDB Local for the integration project and stops it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ddb = await startDynamoDbLocal({ heapMb: 256 });
  project.provide('ddbEndpoint', ddb.endpoint);
  return () => ddb.stop();
}
