/**
 * The boards of a consultation (`Board` in store.ts): the discussion and the complaints about a published result,
 * each a partition of its own, and the discussion codes that let a household post. A resident's comment is a plain
 * put, never an audit event; an official's answer or a hiding is written with its event.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Comment, Hidden } from '../../../shared/discussion.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditDraft, Board } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { batchWrite, queryAll } from './batch.ts';
import { CommentItem } from './items.ts';
import type { Table } from './table.ts';
import { isConditionFailed, TransactionCancelledError } from './transaction.ts';

export class Boards {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  async addComment(comment: Comment, audit?: AuditDraft, board: Board = 'discussion'): Promise<void> {
    const { hidden: _never, ...fields } = comment;
    const put = {
      TableName: this.table.name,
      Item: { ...keys.comment(comment.consultationId, comment.id, board), comment: fields },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const exists = () => new DomainError('busy', 'a comment with this id exists; try again');
    if (!audit) {
      await this.table.doc.send(new PutCommand(put)).catch((err) => {
        if (isConditionFailed(err)) throw exists();
        throw err;
      });
      return;
    }
    await this.log
      .transact(comment.consultationId, audit, () => ({ items: [{ name: 'comment', item: { Put: put } }] }))
      .catch((err) => {
        if (err instanceof TransactionCancelledError) throw exists();
        throw err;
      });
  }

  /** Every comment of a board, hidden ones included, oldest first. */
  async listComments(id: string, board: Board = 'discussion'): Promise<Comment[]> {
    const items = await queryAll(
      this.table,
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.comment(id, '', board).pk }, ConsistentRead: true },
      CommentItem,
      'comment',
    );
    return items.map((i) => ({ ...i.comment, ...(i.hidden ? { hidden: i.hidden } : {}) }));
  }

  async hideComment(id: string, commentId: string, hidden: Hidden, audit: AuditDraft, board: Board = 'discussion'): Promise<void> {
    const key = keys.comment(id, commentId, board);
    const item = {
      Update: {
        TableName: this.table.name,
        Key: key,
        // HIDDEN is one of DynamoDB's reserved words.
        UpdateExpression: 'SET #hidden = :h',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
        ExpressionAttributeNames: { '#hidden': 'hidden' },
        ExpressionAttributeValues: { ':h': hidden },
      },
    };
    await this.log
      .transact(id, audit, () => ({ items: [{ name: 'comment', item }] }))
      .catch(async (err) => {
        if (!(err instanceof TransactionCancelledError)) throw err;
        const r = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: key, ConsistentRead: true }));
        if (!r.Item) throw new DomainError('not_found', 'no such comment');
        throw new DomainError('wrong_state', 'the comment is already hidden');
      });
  }

  /**
   * Stores the hashes of the households' discussion codes, then records the issue; a household is then found by
   * its discussion code's hash like by a voting code's.
   */
  async issueDiscussionCodes(id: string, codes: ReadonlyArray<{ household: string; hash: string }>, audit: AuditDraft): Promise<void> {
    // The hashes first: they mean nothing until the event that says they were issued is in the log, and a retry
    // after a failure in between only writes them again.
    await batchWrite(
      this.table,
      codes.map((k) => ({ PutRequest: { Item: { ...keys.credential(id, k.hash), household: k.household, purpose: 'discussion' } } })),
    );
    await this.log.transact(id, audit, () => ({ values: { ':st': 'disclosure' }, condition: '#st = :st' }));
  }
}
