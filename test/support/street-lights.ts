/**
 * The small online round the store-level tests open straight on a store (no use case, no conditions): one yes/no
 * question, a week of voting, and audit drafts by one official at a fixed time.
 */
import type { AuditDraft } from '../../functions/core/store.ts';
import type { Consultation } from '../../shared/schemas.ts';

export function streetLights(id: string): Consultation {
  return {
    id,
    commune: 'xa-do-tai',
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'opinion',
    method: 'online',
    title: 'Lắp đèn đường',
    description: 'Lắp 20 bóng đèn.',
    opensAt: '2026-12-01T00:00:00Z',
    closesAt: '2026-12-08T00:00:00Z',
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'plurality' } }],
  };
}

/** An audit draft of `action` by official o1 at `at`. */
export const auditAt =
  (at: string) =>
  (action: string): AuditDraft => ({ at, actor: { role: 'official', id: 'o1' }, action, data: {} });
