/** A global setup that fails, as DynamoDB Local failing to start would. */
export default function setup(): void {
  throw new Error('global setup failed on purpose');
}
