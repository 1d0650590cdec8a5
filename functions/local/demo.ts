/**
 * The whole demo commune of `npm start`, seeded once into an empty store: UBND xã names the commune, the households'
 * contacts go in first (so each notice an act sends reaches the local outbox), then the rounds (seed.ts), the law's
 * processes around them (the village-head election from plan to recognition, the community rule in force with an
 * amendment in progress, a board election and a dismissal), a citizens' initiative collecting consents, a round with
 * the commune's own Khmer translation, and last the notices due by the clock (the results), as the first sweep would.
 */
import { nameCommune } from '../core/commune-profile.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Principal } from '../core/ports.ts';
import { seedElectionProcess } from './seed-election.ts';
import { seedInitiatives } from './seed-initiatives.ts';
import { seedContacts, seedDueNotices } from './seed-notices.ts';
import { seedOffices } from './seed-offices.ts';
import { seedRules } from './seed-rules.ts';
import { seedTranslations } from './seed-translations.ts';
import { DEMO_COMMUNE, DEMO_COMMUNE_COMMITTEE, DEMO_COMMUNE_NAME, demoRoll, seedRounds } from './seed.ts';

/** Seeds the demo commune once; returns what was seeded (undefined when the store already holds rounds). */
export async function seedDemo(core: CoreDeps, dataDir: string, official: Principal) {
  const existing = await core.store.listConsultations();
  if (existing.length > 0) return undefined;
  // UBND xã names its commune first, so that every page from the first one says "Xã An Bình" rather than the id.
  await nameCommune(core, DEMO_COMMUNE_COMMITTEE, { name: DEMO_COMMUNE_NAME });
  await seedContacts(core, DEMO_COMMUNE);
  const rounds = await seedRounds(core, dataDir, official);
  const election = await seedElectionProcess(core, official, DEMO_COMMUNE_COMMITTEE);
  const rules = await seedRules(core, official, DEMO_COMMUNE_COMMITTEE, demoRoll());
  const offices = await seedOffices(core, official);
  const initiative = await seedInitiatives(core, official, rounds.online);
  const translated = await seedTranslations(core, official);
  const notices = await seedDueNotices(core);
  return {
    meeting: rounds.meeting,
    road: rounds.road,
    villageHead: rounds.villageHead,
    online: rounds.online.id,
    codesFile: rounds.codesFile,
    election,
    rule: rules.rule,
    amendment: rules.amendment,
    board: offices.board,
    dismissal: offices.dismissal,
    initiative,
    translated,
    notices,
  };
}
