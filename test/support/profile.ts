/**
 * The legal profile of the tests' commune: the defaults of domain.md, but with no minimum disclosure period, so that
 * a test can open a round at once. The 30-day default, and opening early with a reason, are tested on their own
 * (test/integration/opening.test.ts), as is `npm start`'s demo, which opens with a reason.
 */
import { DEFAULT_PROFILE, type LegalProfile } from '../../shared/matters.ts';

export const OPEN_AT_ONCE: LegalProfile = { ...DEFAULT_PROFILE, notice: { meeting: 0, household_ballot: 0, online: 0, community_rules: 0 } };
