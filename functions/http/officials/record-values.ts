/**
 * The officials' record forms as typed and as the use cases take them (../../core/minutes.ts): the decision record's
 * and the counting record's fields, read from the posted form, filled again from a drafted record, and parsed.
 */
import type * as z from 'zod';
import { detailsOf } from '../../../shared/issue-words.ts';
import type { CountingRecord, DecisionRecord } from '../../../shared/minutes.ts';
import type { Consultation } from '../../../shared/schemas.ts';
import type { CountingFormValues, MinutesFormValues } from '../../../web/officials/minutes-form-page.tsx';
import { MEMBER_ROWS } from '../../../web/officials/record-forms.tsx';
import { CountingBody, RecordBody } from '../../core/minutes.ts';
import { instantToVnLocal, vnLocalToInstant } from './vietnam-time.ts';

/** The letterhead's lines as the form proposes them before anything was drafted. */
function letterheadOf(c: Consultation) {
  return { authority: 'UBND XÃ ', unit: c.scope.name.toLocaleUpperCase('vi') };
}

export function emptyDecision(c: Consultation): MinutesFormValues {
  const l = letterheadOf(c);
  return { form: 'bien_ban', ...l, place: '', from: '', to: '', summary: '', villageHead: '', frontHead: '', household1: '', household2: '' };
}

export function emptyCounting(c: Consultation): CountingFormValues {
  return { ...letterheadOf(c), place: '', at: '', members: [], witness1: '', witness2: '', spoiled: '0' };
}

export function decisionValuesOf(r: DecisionRecord): MinutesFormValues {
  const meeting = r.method === 'meeting';
  return {
    form: r.form,
    ...r.letterhead,
    place: r.place,
    from: meeting ? instantToVnLocal(r.time.from) : '',
    to: meeting ? instantToVnLocal(r.time.to) : '',
    summary: r.discussion.summary,
    villageHead: r.signers.villageHead,
    frontHead: r.signers.frontHead,
    household1: r.signers.households[0],
    household2: r.signers.households[1],
  };
}

export function countingValuesOf(r: CountingRecord): CountingFormValues {
  return {
    ...r.letterhead,
    place: r.place,
    at: instantToVnLocal(r.at),
    members: r.members,
    witness1: r.witnesses[0],
    witness2: r.witnesses[1],
    spoiled: String(r.slips?.spoiled ?? 0),
  };
}

const field = (fields: URLSearchParams, name: string) => (fields.get(name) ?? '').normalize('NFC').trim();
const problemOf = (error: Pick<z.ZodError, 'issues'>) => {
  const details = detailsOf(error);
  return { vi: `${details.map((d) => d.vi).join('; ')}.`, en: details.map((d) => `${d.path}: ${d.message}`).join('; ') };
};

/** The decision record's form as typed, and its body or what is wrong with it. */
export function decisionFromForm(fields: URLSearchParams) {
  const names = ['form', 'authority', 'unit', 'place', 'from', 'to', 'summary', 'villageHead', 'frontHead', 'household1', 'household2'] as const;
  const v = Object.fromEntries(names.map((k) => [k, field(fields, k)])) as unknown as MinutesFormValues;
  const from = vnLocalToInstant(v.from);
  const to = vnLocalToInstant(v.to);
  const parsed = RecordBody.safeParse({
    form: v.form,
    letterhead: { authority: v.authority, unit: v.unit },
    place: v.place,
    ...(from && to ? { meeting: { from, to } } : {}),
    summary: v.summary,
    signers: { villageHead: v.villageHead, frontHead: v.frontHead, households: [v.household1, v.household2] },
  });
  return parsed.success ? { values: v, body: parsed.data } : { values: v, problem: problemOf(parsed.error) };
}

/** The counting record's form as typed, and its body or what is wrong with it. */
export function countingFromForm(fields: URLSearchParams) {
  const members = Array.from({ length: MEMBER_ROWS }, (_, i) => ({
    name: field(fields, `memberName${i + 1}`),
    role: field(fields, `memberRole${i + 1}`),
  })).filter((m) => m.name || m.role);
  const v: CountingFormValues = {
    authority: field(fields, 'c-authority'),
    unit: field(fields, 'c-unit'),
    place: field(fields, 'c-place'),
    at: field(fields, 'c-at'),
    members,
    witness1: field(fields, 'witness1'),
    witness2: field(fields, 'witness2'),
    spoiled: field(fields, 'spoiled'),
  };
  const parsed = CountingBody.safeParse({
    letterhead: { authority: v.authority, unit: v.unit },
    place: v.place,
    at: vnLocalToInstant(v.at),
    members,
    witnesses: [v.witness1, v.witness2],
    spoiled: /^\d{1,6}$/.test(v.spoiled) ? Number(v.spoiled) : -1,
  });
  return parsed.success ? { values: v, body: parsed.data } : { values: v, problem: problemOf(parsed.error) };
}
