/**
 * How a household can be reached with a notice (Decree 59/2023 Art. 3(3), 4(4); Law 10/2022 Art. 13(4): "tin nhắn
 * đến đại diện hộ gia đình"): a mobile number for SMS, a Zalo user id for the commune's Official Account, and
 * whether the household asked not to be messaged. Personal data kept by the commune in a record of its own, apart
 * from the roll: nothing here ever reaches roll.json, a published page or a log line.
 */
import * as z from 'zod';
import { vnMobileE164 } from './phone.ts';
import { RollId } from './schemas.ts';

/** The channels a notice goes out on. */
export const NoticeChannel = z.enum(['sms', 'zalo']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

/** A Vietnamese mobile number as written; refused with the reason of shared/phone.ts. */
export const MobileNumber = z
  .string()
  .max(32)
  .superRefine((value, ctx) => {
    const check = vnMobileE164(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason.en, params: { vi: check.reason.vi } });
  });

/** A Zalo user id: the numeric id the Official Account sees for a follower (scoped to that account). */
export const ZaloUserId = z.string().regex(/^[0-9]{1,32}$/, 'Zalo user id: digits only, at most 32');

export const HouseholdContact = z.strictObject({
  rollId: RollId,
  phone: MobileNumber.optional(),
  zaloId: ZaloUserId.optional(),
  /** The channel the household chose when it has both. */
  prefers: NoticeChannel.optional(),
  /** The household asked for no messages: it is never sent one (the notice is still posted and read out). */
  optedOut: z.boolean(),
});
export type HouseholdContact = z.infer<typeof HouseholdContact>;
