/**
 * The form of a contribution (Law 10/2022 Art. 15(1): "kinh phí, tài sản, công sức"; domain.md "Contributions"):
 * money in integer dong, labour in whole workdays, property described with its value in integer dong. One place says
 * what each form counts in, what a missing form means (money: data made before forms existed) and which terms make
 * sense, so the schedule, the ledger, the pages and the checks after publication all read it alike.
 */
import type { Consultation, Contribution, ContributionForm } from '../schemas.ts';

/** The form of the terms; none given is money, as every contribution was before forms existed. */
export const formOf = (terms: Pick<Contribution, 'form'> | undefined): ContributionForm => terms?.form ?? 'money';

/** What a form counts in, in Vietnamese then English, as the pages and schedule.csv write it. */
export const UNIT: Readonly<Record<ContributionForm, { vi: string; en: string }>> = {
  money: { vi: 'đồng', en: 'dong' },
  labour: { vi: 'ngày công', en: 'workdays' },
  property: { vi: 'đồng (giá trị tài sản)', en: 'dong of property value' },
};

/** What residents give in all, in the form's unit: the residents' share (money), the workdays, the property's value. */
export function residentsShareInUnit(terms: Contribution): number {
  const form = formOf(terms);
  if (form === 'labour') return terms.workdays ?? 0;
  if (form === 'property') return terms.property?.value ?? 0;
  return terms.residentsShare;
}

/**
 * More workdays than this a unit looks like an amount in dong typed under labour: no household gives a year of work
 * for one person or one metre of road.
 */
export const MAX_WORKDAYS_PER_UNIT = 365;

/** A problem with the terms, in the shape of matters.ts's `ConsultationProblem`. */
export interface TermsProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

/**
 * Sense checks of the form (the schema has checked that labour carries its workdays and property its description
 * and value): a labour level above MAX_WORKDAYS_PER_UNIT, and property worth more than the whole work. [] when none.
 * @example termsProblems({ matter: 'contribution', questions, contribution: { ...terms, form: 'labour', amountPerUnit: 50_000 } })[0]?.code // 'workdays_implausible'
 */
export function termsProblems(input: Pick<Consultation, 'matter' | 'questions' | 'contribution'>): TermsProblem[] {
  const terms = input.contribution;
  if (input.matter !== 'contribution' || terms === undefined) return [];
  const problems: TermsProblem[] = [];
  const form = formOf(terms);
  if (form === 'labour') {
    const tooMany = (amount: number | undefined) => amount !== undefined && amount > MAX_WORKDAYS_PER_UNIT;
    const message = (what: string) => `${what}: more than ${MAX_WORKDAYS_PER_UNIT} workdays a unit; a labour level counts whole workdays, not dong`;
    if (tooMany(terms.amountPerUnit))
      problems.push({ path: ['contribution', 'amountPerUnit'], code: 'workdays_implausible', message: message('the amount per unit') });
    input.questions.forEach((q, i) => {
      q.options.forEach((o, j) => {
        if (tooMany(o.amountPerUnit))
          problems.push({
            path: ['questions', i, 'options', j, 'amountPerUnit'],
            code: 'workdays_implausible',
            message: message(`question ${q.id}, option ${o.id}`),
          });
      });
    });
  }
  if (form === 'property' && terms.property !== undefined && terms.totalCost > 0 && terms.property.value > terms.totalCost)
    problems.push({
      path: ['contribution', 'property', 'value'],
      code: 'property_over_cost',
      message: 'the property is worth more than the whole work costs',
    });
  return problems;
}
