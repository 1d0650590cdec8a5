/**
 * What a `community_rule` process keeps (Decree 61/2023), beside the fields every process has: the kind of round
 * (a new rule, or an amendment, replacement, suspension or annulment linked to the rule in force), who proposed it,
 * the drafting team, the draft and the consultation round whose discussion holds the comments, the team's summary of
 * them, the vote and the rounds that decided it, the signatures, the translations the community decided and the
 * stamped copy of UBND xã's recognition. Names of the team and of the signing officers are public; households are
 * named by roll id only.
 */
import type { RuleVote } from '../../shared/process/community-rules.ts';
import type { RoundKind } from '../../shared/process/rule-rounds.ts';

/** A member of the drafting team (D61 Art. 8): an elder or respected person or not, and the languages spoken. */
export interface DraftingMember {
  name: string;
  elder: boolean;
  languages: string[];
}

/** A translation the community decided to publish beside the Vietnamese text (D61 Art. 6(5)). */
export interface RuleTranslation {
  /** The language as people name it ("H'Mông"). */
  language: string;
  /** Its BCP 47 tag ("hmn"). */
  lang: string;
  text: string;
  /** The day the community decided it. */
  on: string;
}

export interface RuleFields {
  round: RoundKind;
  title: string;
  /** The adoption process whose rule this round changes; none for a new rule. */
  ruleOf?: string;
  /** For a suspension: the day the rule applies again, if set. */
  until?: string;
  /** The village head with the head of the Front working committee, or residents by an initiative (its id). */
  proposal: { by: 'village_head_with_front' } | { by: 'initiative'; initiative: string };
  /** The posting period the community chose (at least 30 days). */
  postingDays: number;
  /** Whether the community has elders, and its minority languages (a speaker of each on the team). */
  community: { hasElders: boolean; minorityLanguages: string[] };
  team?: DraftingMember[];
  /** The draft as posted, and the consultation round whose discussion holds the comments on it. */
  draft?: { text: string; consultation?: string };
  /** The comments received and the team's answers, summarised (D61 Art. 9(4)). */
  comments?: { received: number; summary: string; answers: string };
  /** The votes: a meeting, then (only after a meeting that missed the attendance) a household ballot. */
  votes?: { on: string; vote: RuleVote; rounds: string[] }[];
  /** The text adopted (Vietnamese). */
  text?: string;
  /** The signatures on the adopted text (D61 Art. 6(1)): names of the officers, roll ids of the two households. */
  signatures?: { on: string; villageHead: string; frontHead: string; households: string[] };
  translations?: RuleTranslation[];
  /** UBND xã's refusal gives its reasons (D61 Art. 11(3)(b)). */
  reasons?: string;
  /** The scanned stamped copy of the recognition, published on the site. */
  copy?: { sha256: string; file: string; mediaType: string };
}
