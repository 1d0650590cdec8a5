/**
 * The words of the contributions pages: categories, bases, statuses, kinds of entry, and amounts in the unit of each
 * form (dong, workdays, dong of property value), Vietnamese first with the English beside.
 */
import { collectionForm, type LedgerEntry, type PaymentStatus, type Schedule } from '../shared/contributions.ts';
import type { Category, ContributionForm } from '../shared/schemas.ts';
import { vnNumber } from './format.ts';

export const CATEGORY: Record<Category, readonly [vi: string, en: string]> = {
  standard: ['Hộ thường', 'Standard'],
  poor: ['Hộ nghèo', 'Poor'],
  near_poor: ['Hộ cận nghèo', 'Near-poor'],
  policy: ['Gia đình chính sách', 'Policy household'],
};
export const BASIS: Record<Schedule['basis'], readonly [unitVi: string, unitEn: string, howVi: string, howEn: string]> = {
  per_household: ['hộ', 'household', 'theo hộ', 'per household'],
  per_person: ['nhân khẩu', 'person', 'theo nhân khẩu của hộ', 'per member of the household'],
  per_frontage_metre: ['mét mặt tiền', 'metre of frontage', 'theo số mét mặt tiền của hộ', 'per metre of the household’s frontage'],
};
export const STATUS: Record<PaymentStatus, readonly [vi: string, en: string]> = {
  paid: ['Đã nộp đủ', 'Paid in full'],
  overpaid: ['Nộp thừa', 'Overpaid'],
  partly: ['Nộp một phần', 'Paid in part'],
  not_yet: ['Chưa nộp', 'Not yet paid'],
  nothing_due: ['Không phải nộp', 'Nothing due'],
};
export const ENTRY: Record<LedgerEntry['type'], readonly [vi: string, en: string]> = {
  collection: ['Thu', 'Collected'],
  spending: ['Chi', 'Spent'],
  report: ['Báo cáo', 'Report'],
  correction: ['Đính chính', 'Correction'],
};
/** How a form is given, as the level's paragraph says it. */
export const FORM: Record<ContributionForm, readonly [vi: string, en: string]> = {
  money: ['bằng tiền', 'in money'],
  labour: ['bằng ngày công lao động', 'in labour (workdays)'],
  property: ['bằng tài sản', 'in property'],
};
/** The words of collected against due in each form: what was given, what is due, what is left. */
export const GIVEN: Record<ContributionForm, readonly [given: string, due: string, left: string, table: string]> = {
  money: ['Đã thu', 'tổng số phải thu', 'còn phải thu', 'Số tiền phải đóng và đã nộp của từng hộ'],
  labour: ['Đã góp', 'tổng số phải góp', 'còn phải góp', 'Số ngày công phải góp và đã góp của từng hộ'],
  property: ['Đã nhận tài sản trị giá', 'tổng giá trị phải góp', 'còn phải góp', 'Giá trị tài sản (đồng) phải góp và đã góp của từng hộ'],
};

/** 12.5 -> "12,5" (Vietnamese decimal comma). */
export const vnUnits = (n: number) => String(n).replace('.', ',');
/** "2027-01-05" -> "05/01/2027". */
export const vnDate = (day: string) => day.split('-').reverse().join('/');
/** 1234567 -> "1,234,567" for the English beside. */
export const enNumber = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The day of an instant in Vietnam (UTC+7 all year), as "05/01/2027". */
export const vnDay = (at: string) => vnDate(new Date(Date.parse(at) + 7 * 3600_000).toISOString().slice(0, 10));

/** An amount in a form's unit: "300.000 đồng", "3 ngày công" (property counts dong of its value). */
export const vnAmount = (n: number, form: ContributionForm) => `${vnNumber(n)} ${form === 'labour' ? 'ngày công' : 'đồng'}`;
/** The same in English: "300,000 dong", "3 workdays". */
export const enAmount = (n: number, form: ContributionForm) => `${enNumber(n)} ${form === 'labour' ? 'workdays' : 'dong'}`;

/** The form of a ledger entry that moves an amount: a collection's own, money for spending. */
export const entryForm = (e: LedgerEntry): ContributionForm => (e.type === 'collection' ? collectionForm(e) : 'money');

export function En(props: { children: string }) {
  return (
    <span lang="en" class="en">
      / {props.children}
    </span>
  );
}
