/**
 * The boards of a consultation (`Board` in store.ts): the discussion and the complaints about a published result,
 * each a partition of its own, and the discussion codes that let a household post. A resident's comment is a plain
 * put, never an audit event; an official's answer or a hiding is written with its event.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Comment, Hidden } from '../../../shared/discussion.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditDraft, Board, CommentQuota } from '../../core/store.ts';
import { keys } from '../dynamo-table.ts';
import type { AuditLog } from './audit.ts';
import { batchWrite, queryAll } from './batch.ts';
import { CommentItem } from './items.ts';
import type { Table } from './table.ts';
import type { ThrottlePolicy } from './retry.ts';
import { isConditionFailed, type NamedItem, TransactionCancelledError, transact } from './transaction.ts';

/** Tries for a comment's transaction with its counters: one household's simultaneous posts conflict on them. */
const QUOTA_POLICY: ThrottlePolicy = { tries: 40, baseMs: 10, capMs: 300, retryAfterS: 1 };

export class Boards {
  constructor(
    private readonly table: Table,
    private readonly log: AuditLog,
  ) {}

  async addComment(comment: Comment, audit?: AuditDraft, board: Board = 'discussion', quota?: CommentQuota): Promise<void> {
    const { hidden: _never, ...fields } = comment;
    const put = {
      TableName: this.table.name,
      Item: { ...keys.comment(comment.consultationId, comment.id, board), comment: fields },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const exists = () => new DomainError('busy', 'a comment with this id exists; try again');
    const counters = quota ? this.quotaItems(comment, board, quota) : [];
    const refused = (err: unknown) => {
      if (!(err instanceof TransactionCancelledError)) throw err;
      if (err.conditionFailed(counters.map((c) => c.name))) throw new DomainError('too_many_comments');
      if (err.conditionFailed(['comment']) || !audit) throw exists();
      throw err;
    };
    if (!audit && counters.length === 0) {
      await this.table.doc.send(new PutCommand(put)).catch((err) => {
        if (isConditionFailed(err)) throw exists();
        throw err;
      });
      return;
    }
    const items = [{ name: 'comment', item: { Put: put } }, ...counters];
    // One household's simultaneous posts contend for its own counters: give them more tries than a throttled request.
    if (!audit) return transact(this.table, items, QUOTA_POLICY).catch(refused);
    await this.log.transact(comment.consultationId, audit, () => ({ items })).catch(refused);
  }

  /**
   * The household's counters on the board, each raised by one in the comment's transaction on condition that it is
   * still under its limit: the comments in all, and those of the fixed window `quota.window`.
   */
  private quotaItems(comment: Comment, board: Board, quota: CommentQuota): NamedItem[] {
    if (comment.rollId === undefined) throw new Error("a quota is charged to a resident's comment, which has a roll id");
    const counter = (name: string, key: { pk: string; sk: string }, max: number): NamedItem => ({
      name,
      item: {
        Update: {
          TableName: this.table.name,
          Key: key,
          UpdateExpression: 'SET n = if_not_exists(n, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(n) OR n < :max',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': max },
        },
      },
    });
    const { consultationId: id, rollId } = comment;
    return [
      counter('total', keys.commentQuota(id, board, rollId), quota.total),
      counter('window', keys.commentQuota(id, board, rollId, quota.window), quota.perWindow),
    ];
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
