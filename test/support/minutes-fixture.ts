/**
 * A drafted decision record of test/shared/bundle-fixture.ts's round, as the signing scripts' tests read it: the JCS
 * bytes a site publishes and their hash.
 */
import { buildBundle } from '../../shared/bundle.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { type DecisionRecord, draftDecision, minutesHash } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { auditLog, bundleInput, consultation } from '../shared/bundle-fixture.ts';

const input = bundleInput();
const bundle = buildBundle(input);
const present = input.participants.map((p) => p.id);

export const MINUTES: DecisionRecord = draftDecision({
  consultation,
  manifest: bundle.manifest,
  manifestHash: sha256Hex(bundle.manifestBytes),
  rollIds: input.rollIds,
  participantIds: present,
  audit: auditLog(),
  entries: {
    form: 'bien_ban',
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    place: 'Nhà văn hóa thôn Đông',
    summary: 'Bàn về "đường liên thôn".',
    discussion: [],
    signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: [present[0]!, present[1]!] },
  },
});

/** decision.json as published: the JCS bytes of the record. */
export const MINUTES_BYTES = jcsBytes(MINUTES);

/** H(JCS(record)): what the page shows and each signature names. */
export const MINUTES_HASH = minutesHash(MINUTES);
