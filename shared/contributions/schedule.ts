/**
 * The schedule of dues (`schedule.json`): what each household owes by roll id under the adopted level, with the
 * terms it applied. Amounts are in the form's unit (terms.ts): integer dong for money and property (its share of the
 * property's value), whole workdays for labour; frontage is integer decimetres; nothing is rounded except in `roundDue`.
 */
import * as z from 'zod';
import { DomainError, type ErrorDetail } from '../errors.ts';
import { Basis, Category, ContributionForm, Exemption, PropertyTerms, RollId } from '../schemas.ts';
import type { Consultation, Contribution, Household } from '../schemas.ts';
import { Level } from './levels.ts';
import { formOf, residentsShareInUnit } from './terms.ts';

/**
 * THE rounding rule of a due amount, stated once, the same in every form. The exact due is amountPerUnit × units ×
 * (100 − exemptPercent) / 100 (frontage counted in decimetres / 10). It is rounded DOWN to a whole unit after the
 * reduction (whole dong; for labour whole workdays: 3 workdays at 50 % is 1 workday, not 1.5), then DOWN to a
 * multiple of `multiple` units (a setting: 1, the default, adds nothing; 1,000 gives whole thousands of dong).
 * Rounding down means a household never owes more than the adopted level says; what is lost shows up as a shortfall
 * against the residents' share, never as a higher due. `gross` (before exemptions) is rounded down to a whole unit.
 */
export const ROUNDING = Object.freeze({ mode: 'down', multiple: 1 } as const);

/** floor(numerator / denominator), then down to a multiple of `multiple`: the one place a due is rounded. */
function roundDue(numerator: bigint, denominator: bigint, multiple: number): number {
  const whole = numerator / denominator; // BigInt division truncates, which is floor for non-negative values
  const m = BigInt(multiple);
  return Number(whole - (whole % m));
}

/**
 * A household's frontage in metres with at most one decimal ("12.5", "12,5" or 12.5), as integer decimetres (125),
 * so the schedule stays in integer arithmetic.
 */
export const FrontageMetres = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.');
  const m = /^(\d{1,5})(?:\.(\d))?$/.exec(text);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'frontage: metres with at most one decimal, e.g. 12.5' });
    return z.NEVER;
  }
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
});

/** What the schedule reads of a household: never its head's name. `frontageDecimetres` only for the frontage basis. */
export type ScheduleHousehold = Pick<Household, 'id' | 'category' | 'members'> & { frontageDecimetres?: number | undefined };

export const ScheduleRow = z.strictObject({
  id: RollId,
  category: Category,
  /** Units of the basis: 1 household, its members, or metres of frontage (one decimal at most). */
  units: z.number().min(0),
  basis: Basis,
  gross: z.int().min(0),
  exemptPercent: z.int().min(0).max(100),
  due: z.int().min(0),
});
export type ScheduleRow = z.infer<typeof ScheduleRow>;

/** `schedule.json`: the dues by roll id under the adopted level, with the terms it applied. */
export const Schedule = z.strictObject({
  format: z.literal('schedule/1'),
  consultationId: z.string(),
  level: Level,
  basis: Basis,
  exemptions: z.array(Exemption),
  /** Absent for money (as every schedule made before forms existed); else the form the amounts count in. */
  form: ContributionForm.exclude(['money']).optional(),
  /** Property only: what is given and its value; each due is the household's share of that value, in dong. */
  property: PropertyTerms.optional(),
  rounding: z.strictObject({ mode: z.literal('down'), multiple: z.int().min(1) }),
  households: z.array(ScheduleRow),
  /** `exempt`: households that owe nothing by exemption (100 %); `reduced`: by a partial reduction. */
  totals: z.strictObject({ households: z.int(), exempt: z.int(), reduced: z.int(), gross: z.int(), due: z.int() }),
  /** The residents' total due against their share in the form's unit (terms.ts); at most one of the two is above 0. */
  residentsShare: z.strictObject({ amount: z.int(), shortfall: z.int(), surplus: z.int() }),
});
export type Schedule = z.infer<typeof Schedule>;

export interface ScheduleInput {
  consultation: Pick<Consultation, 'id' | 'contribution'>;
  households: readonly ScheduleHousehold[];
  level: Level;
  /** Round each due down to a multiple of this many units (ROUNDING.multiple by default). */
  roundTo?: number;
}

/** The units of a household under a basis, scaled so they stay integers: [units × scale, scale]. */
function scaledUnits(h: ScheduleHousehold, basis: Contribution['basis']): [number, number] | undefined {
  if (basis === 'per_household') return [1, 1];
  if (basis === 'per_person') return [h.members, 1];
  const dm = h.frontageDecimetres;
  return dm !== undefined && Number.isSafeInteger(dm) && dm >= 0 ? [dm, 10] : undefined;
}

/**
 * Each household's due under the adopted level, sorted by roll id, with totals and the cover of the residents' share.
 * Throws a DomainError naming every roll id that has no frontage under `per_frontage_metre`, or that is repeated.
 * @example dueSchedule({ consultation, households, level: adoptedLevel(consultation, manifest)! }).totals.due
 */
export function dueSchedule({ consultation, households, level, roundTo = ROUNDING.multiple }: ScheduleInput): Schedule {
  const terms = consultation.contribution;
  if (terms === undefined) throw new DomainError('invalid_request', 'the consultation has no contribution terms');
  if (!Number.isSafeInteger(roundTo) || roundTo < 1)
    throw new DomainError('invalid_request', `roundTo must be a whole number of units, at least 1; got ${roundTo}`);
  const sorted = [...households].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const twice = sorted.filter((h, i) => i > 0 && sorted[i - 1]!.id === h.id).map((h) => h.id);
  const noFrontage = sorted.filter((h) => scaledUnits(h, terms.basis) === undefined).map((h) => h.id);
  if (twice.length > 0 || noFrontage.length > 0) {
    const details: ErrorDetail[] = [
      ...twice.map((id) => ({ path: `households.${id}`, message: `roll id ${id} appears twice` })),
      ...noFrontage.map((id) => ({ path: `households.${id}.frontage`, message: `household ${id} has no frontage in whole decimetres` })),
    ];
    const why = [
      twice.length > 0 ? `roll ids listed twice: ${twice.join(', ')}` : '',
      noFrontage.length > 0 ? `households without frontage: ${noFrontage.join(', ')}` : '',
    ];
    throw new DomainError('invalid_request', `the schedule cannot be made: ${why.filter(Boolean).join('; ')}`, details);
  }

  const percentOf = (category: Category) => terms.exemptions.find((e) => e.category === category)?.percent ?? 0;
  const rows = sorted.map((h): ScheduleRow => {
    const [units, scale] = scaledUnits(h, terms.basis)!;
    const exemptPercent = percentOf(h.category);
    const exact = BigInt(level.amountPerUnit) * BigInt(units);
    return {
      id: h.id,
      category: h.category,
      units: units / scale,
      basis: terms.basis,
      gross: roundDue(exact, BigInt(scale), 1),
      exemptPercent,
      due: roundDue(exact * BigInt(100 - exemptPercent), BigInt(scale * 100), roundTo),
    };
  });
  const sum = (pick: (r: ScheduleRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const totals = {
    households: rows.length,
    exempt: rows.filter((r) => r.exemptPercent === 100).length,
    reduced: rows.filter((r) => r.exemptPercent > 0 && r.exemptPercent < 100).length,
    gross: sum((r) => r.gross),
    due: sum((r) => r.due),
  };
  if (!Number.isSafeInteger(totals.gross)) throw new DomainError('invalid_request', 'the schedule total is too large for exact arithmetic');
  const form = formOf(terms);
  const share = residentsShareInUnit(terms);
  return {
    format: 'schedule/1',
    consultationId: consultation.id,
    level,
    basis: terms.basis,
    exemptions: terms.exemptions,
    ...(form === 'money' ? {} : { form }),
    ...(form === 'property' && terms.property ? { property: terms.property } : {}),
    rounding: { mode: ROUNDING.mode, multiple: roundTo },
    households: rows,
    totals,
    residentsShare: { amount: share, shortfall: Math.max(0, share - totals.due), surplus: Math.max(0, totals.due - share) },
  };
}
