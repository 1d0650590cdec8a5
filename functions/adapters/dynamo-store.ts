export { DynamoAttemptLimiter, DynamoStore } from './dynamo/index.ts';
