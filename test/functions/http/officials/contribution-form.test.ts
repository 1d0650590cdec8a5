/** The contribution part of the officials' consultation form: the form of the terms and what each form needs. */
import { describe, expect, it } from 'vitest';
import { readConsultationForm } from '../../../../functions/http/officials/consultation-form.ts';
import { formOf } from '../../../../functions/http/officials/form-values.ts';
import { DEFAULT_PROFILE } from '../../../../shared/matters.ts';

/** A filled meeting form for a contribution, as a browser posts it. */
function posted(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({
    slots: '5',
    'scope.kind': 'hamlet',
    'scope.name': 'Thôn Đông',
    matter: 'contribution',
    method: 'meeting',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường dài 500 m.',
    opensAt: '2026-11-08T07:00',
    closesAt: '2026-11-22T17:00',
    'c.totalCost': '900.000.000',
    'c.stateBudget': '870.000.000',
    'c.residentsShare': '30.000.000',
    'c.basis': 'per_person',
    'c.amountPerUnit': '2',
    'c.poor': '100',
    'c.near_poor': '50',
    'c.policy': '',
    'q1.type': 'yes_no',
    'q1.text': 'Tán thành góp 2 ngày công mỗi nhân khẩu?',
    'q1.rule': 'preset',
    ...fields,
  });
}

describe('the form of a contribution on the consultation form', () => {
  it('money is terms without a form, as before forms existed', () => {
    const form = readConsultationForm(posted({ 'c.form': 'money' }), DEFAULT_PROFILE);
    expect(form.input?.contribution).toBeDefined();
    expect(form.input?.contribution && 'form' in form.input.contribution).toBe(false);
  });

  it('labour carries its workdays; without them the field says what is missing', () => {
    const form = readConsultationForm(posted({ 'c.form': 'labour', 'c.workdays': '1.200' }), DEFAULT_PROFILE);
    expect(form.problems).toEqual([]);
    expect(form.input?.contribution).toMatchObject({ form: 'labour', workdays: 1200, amountPerUnit: 2 });
    const missing = readConsultationForm(posted({ 'c.form': 'labour', 'c.workdays': '' }), DEFAULT_PROFILE);
    expect(missing.input).toBeUndefined();
    expect(missing.problems.map((p) => p.field)).toContain('c.workdays');
  });

  it('property carries its description and value, and shows them again when the draft is edited', () => {
    const fields = { 'c.form': 'property', 'c.propertyDescription': 'Đá hộc 30 m³', 'c.propertyValue': '12.000.000' };
    const form = readConsultationForm(posted(fields), DEFAULT_PROFILE);
    expect(form.problems).toEqual([]);
    expect(form.input?.contribution).toMatchObject({ form: 'property', property: { description: 'Đá hộc 30 m³', value: 12_000_000 } });
    const again = formOf(form.input!, DEFAULT_PROFILE).contribution;
    expect(again).toMatchObject({ form: 'property', propertyDescription: 'Đá hộc 30 m³', propertyValue: '12000000' });
    const missing = readConsultationForm(posted({ 'c.form': 'property' }), DEFAULT_PROFILE);
    expect(missing.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['c.propertyDescription', 'c.propertyValue']));
  });
});
