import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../../shared/matters.ts';
import type { ConsultationInput } from '../../../../shared/schemas.ts';
import { fieldOfPath, problemsFromDetails, readConsultationForm } from '../../../../functions/http/officials/consultation-form.ts';
import { emptyForm, formatOptionLines, formOf, parseOptionLines, parseWhole } from '../../../../functions/http/officials/form-values.ts';

/** A filled form as a browser posts it. */
function posted(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({
    slots: '5',
    'scope.kind': 'hamlet',
    'scope.name': 'Thôn Đông',
    matter: 'contribution',
    method: 'household_ballot',
    title: 'Bê tông hóa đường thôn',
    description: 'Đường dài 500 m.',
    opensAt: '2026-11-08T07:00',
    closesAt: '2026-11-22T17:00',
    'c.totalCost': '900.000.000',
    'c.stateBudget': '870 000 000',
    'c.residentsShare': '30000000',
    'c.basis': 'per_household',
    'c.amountPerUnit': '300.000',
    'c.poor': '100',
    'c.near_poor': '50%',
    'c.policy': '',
    'q1.type': 'yes_no',
    'q1.text': 'Tán thành mức đóng góp 300.000 đồng/hộ?',
    'q1.rule': 'preset',
    ...fields,
  });
}

describe('whole numbers of dong as people write them', () => {
  it.each<[string, number | 'blank' | 'invalid']>([
    ['300000', 300000],
    ['300.000', 300000],
    ['1.200.000', 1200000],
    ['1 200 000', 1200000],
    ['0', 0],
    ['', 'blank'],
    ['  ', 'blank'],
    ['1,5', 'invalid'],
    ['1.5', 'invalid'],
    ['30.00', 'invalid'],
    ['-5', 'invalid'],
    ['3e5', 'invalid'],
    ['99999999999999999999', 'invalid'],
  ])('%j is %j', (typed, value) => {
    expect(parseWhole(typed)).toBe(value);
  });
});

describe('option lines', () => {
  it('reads id|label|amount|English label, a bare label, and skips empty lines', () => {
    const r = parseOptionLines('l300|Mức 300.000 đồng|300.000|Level 300,000\n\nMức thấp\n|Không đặt mã|0');
    expect(r.problems).toEqual([]);
    expect(r.options).toEqual([
      { id: 'l300', label: 'Mức 300.000 đồng', amountPerUnit: 300000, labelEn: 'Level 300,000' },
      { id: 'o2', label: 'Mức thấp' },
      { id: 'o3', label: 'Không đặt mã', amountPerUnit: 0 },
    ]);
  });

  it('names the line of a bad amount or too many separators', () => {
    const r = parseOptionLines('a|A|1,5\nb|B|1|B|x');
    expect(r.problems.map((p) => p.vi)).toEqual(['Dòng 1: số tiền «1,5» không phải số nguyên đồng.', 'Dòng 2: có quá nhiều dấu |.']);
  });

  it('writes options back as lines it reads the same', () => {
    const options = [
      { id: 'a', label: 'A', labelEn: 'Aa' },
      { id: 'b', label: 'B', amountPerUnit: 5 },
      { id: 'c', label: 'C' },
    ];
    expect(formatOptionLines(options)).toBe('a|A||Aa\nb|B|5\nc|C');
    expect(parseOptionLines(formatOptionLines(options)).options).toEqual(options);
  });
});

describe('reading the consultation form', () => {
  it('turns a good form into the API’s input: Vietnam time to UTC, dong, exemptions, the matter’s rule', () => {
    const r = readConsultationForm(posted({}), DEFAULT_PROFILE);
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      scope: { kind: 'hamlet', name: 'Thôn Đông' },
      matter: 'contribution',
      method: 'household_ballot',
      title: 'Bê tông hóa đường thôn',
      description: 'Đường dài 500 m.',
      opensAt: '2026-11-08T00:00:00Z',
      closesAt: '2026-11-22T10:00:00Z',
      questions: [
        {
          id: 'q1',
          type: 'yes_no',
          text: 'Tán thành mức đóng góp 300.000 đồng/hộ?',
          options: [],
          rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
        },
      ],
      contribution: {
        totalCost: 900_000_000,
        stateBudget: 870_000_000,
        residentsShare: 30_000_000,
        basis: 'per_household',
        amountPerUnit: 300_000,
        exemptions: [
          { category: 'poor', percent: 100 },
          { category: 'near_poor', percent: 50 },
        ],
      },
    } satisfies ConsultationInput);
  });

  it('ignores contribution fields for another matter, and keeps a question’s slot as its id', () => {
    const r = readConsultationForm(
      posted({ matter: 'opinion', 'q1.type': '', 'q1.text': '', 'q3.type': 'single', 'q3.text': 'Vị trí?', 'q3.options': 'dinh|Cạnh đình\ntruong|Sau trường' }),
      DEFAULT_PROFILE,
    );
    expect(r.problems).toEqual([]);
    expect(r.input?.contribution).toBeUndefined();
    expect(r.input?.questions.map((q) => q.id)).toEqual(['q3']);
    expect(r.input?.questions[0]?.rule).toEqual({ base: 'plurality' });
    expect(r.slots).toEqual([3]);
  });

  it('reads a custom rule with an attendance rule (result/2: `attendance`, no longer `quorum`)', () => {
    const r = readConsultationForm(
      posted({
        'q1.rule': 'custom',
        'q1.base': 'eligible',
        'q1.op': 'at_least',
        'q1.num': '3',
        'q1.den': '4',
        'q1.quorumOp': 'more_than',
        'q1.quorumNum': '1',
        'q1.quorumDen': '2',
      }),
      DEFAULT_PROFILE,
    );
    expect(r.problems).toEqual([]);
    expect(r.input?.questions[0]?.rule).toEqual({ base: 'eligible', op: 'at_least', fraction: [3, 4], attendance: { op: 'more_than', fraction: [1, 2] } });
  });

  it('puts every problem on its field: typing, schema and the legal checks, in the order of the form', () => {
    const r = readConsultationForm(
      posted({
        'scope.name': '',
        method: 'online',
        opensAt: '2026-02-30T07:00',
        'c.amountPerUnit': '1,5',
        'q2.type': 'approval',
        'q2.text': 'Chọn?',
        'q2.options': 'a|A|1\nyes|B|2',
        'q2.max': '',
        'q4.text': 'Quên chọn loại',
      }),
      DEFAULT_PROFILE,
    );
    expect(r.input).toBeUndefined();
    expect(r.problems.map((p) => p.field)).toEqual(['scope.name', 'opensAt', 'c.amountPerUnit', 'q2.options', 'q2.max', 'q4.type']);
    expect(r.problems[0]).toMatchObject({ vi: 'Bắt buộc.', en: 'Required.' });
    // The legal checks run once the shape is right.
    const legal = readConsultationForm(
      posted({ method: 'online', 'q1.rule': 'custom', 'q1.base': 'cast', 'q1.op': 'more_than', 'q1.num': '1', 'q1.den': '2' }),
      DEFAULT_PROFILE,
    );
    expect(legal.problems.map((p) => [p.field, p.vi !== undefined])).toEqual([
      ['method', true],
      ['q1.rule', true],
    ]);
    expect(legal.problems[1]?.en).toContain('at least 2/3 of all households');
  });

  it('asks for at least one question', () => {
    const r = readConsultationForm(posted({ 'q1.type': '', 'q1.text': '' }), DEFAULT_PROFILE);
    expect(r.problems).toEqual([expect.objectContaining({ field: 'questions', vi: expect.stringContaining('ít nhất một câu hỏi') })]);
  });

  it('shows a saved draft as the form it came from', () => {
    const r = readConsultationForm(
      posted({ 'q2.type': 'single', 'q2.text': 'Mức?', 'q2.options': 'a|300 nghìn|300.000\nb|200 nghìn|200.000' }),
      DEFAULT_PROFILE,
    );
    const form = formOf(r.input!, DEFAULT_PROFILE);
    expect(form.opensAt).toBe('2026-11-08T07:00');
    expect(form.contribution).toMatchObject({ totalCost: '900000000', poor: '100', near_poor: '50', policy: '' });
    expect(form.questions).toHaveLength(5);
    expect(form.questions.map((q) => q.rule)).toEqual(['preset', 'preset', 'preset', 'preset', 'preset']);
    expect(form.questions[1]?.options).toBe('a|300 nghìn|300000\nb|200 nghìn|200000');
    const params = new URLSearchParams({
      slots: String(form.questions.length),
      'scope.kind': form.scopeKind,
      'scope.name': form.scopeName,
      matter: form.matter,
      method: form.method,
      title: form.title,
      description: form.description,
      opensAt: form.opensAt,
      closesAt: form.closesAt,
    });
    for (const [k, v] of Object.entries(form.contribution)) params.set(`c.${k}`, v);
    form.questions.forEach((q, i) => {
      for (const [k, v] of Object.entries(q)) params.set(`q${i + 1}.${k}`, v);
    });
    expect(readConsultationForm(params, DEFAULT_PROFILE).input).toEqual(r.input);
  });

  it('keeps the preset for a community-rules meeting’s question, which is saved with the attendance of Decree 61/2023 Art. 10', () => {
    const r = readConsultationForm(posted({ method: 'meeting', matter: 'community_rules' }), DEFAULT_PROFILE);
    expect(r.problems).toEqual([]);
    const saved = {
      ...r.input!,
      questions: r.input!.questions.map((q) => ({ ...q, rule: { ...q.rule, attendance: { op: 'more_than' as const, fraction: [1, 2] as [number, number] } } })),
    };
    expect(formOf(saved, DEFAULT_PROFILE).questions[0]?.rule).toBe('preset');
    const weaker = {
      ...saved,
      questions: saved.questions.map((q) => ({ ...q, rule: { ...q.rule, attendance: { op: 'at_least' as const, fraction: [1, 3] as [number, number] } } })),
    };
    expect(formOf(weaker, DEFAULT_PROFILE).questions[0]?.rule).toBe('custom');
  });

  it('starts a new form with one yes/no question in five slots', () => {
    const form = emptyForm();
    expect(form.questions.map((q) => q.type)).toEqual(['yes_no', '', '', '', '']);
  });
});

describe('placing a path of the input on the form', () => {
  it.each<[string, string]>([
    ['scope.name', 'scope.name'],
    ['scope', 'scope.name'],
    ['closesAt', 'closesAt'],
    ['questions', 'questions'],
    ['questions.1.options.0.amountPerUnit', 'q4.options'],
    ['questions.0.rule.quorum', 'q2.rule'],
    ['questions.0.id', 'q2.type'],
    ['contribution.exemptions.1.category', 'c.near_poor'],
    ['contribution.residentsShare', 'c.residentsShare'],
    ['contribution', 'c'],
    ['nowhere', ''],
  ])('%s is %s', (path, field) => {
    const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    expect(fieldOfPath(parts, [2, 4], ['poor', 'near_poor'])).toBe(field);
    expect(problemsFromDetails([{ path, message: 'm' }], { slots: [2, 4], exemptions: ['poor', 'near_poor'] })[0]?.field).toBe(field);
  });
});
