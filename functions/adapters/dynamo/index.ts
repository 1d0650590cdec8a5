/** The DynamoDB adapter: the Store and AttemptLimiter ports over the one table of `../dynamo-table.ts`. */
export { DynamoAttemptLimiter } from './attempt-limiter.ts';
export { DynamoStore } from './store.ts';
