/**
 * Demo data for `npm start`: a hamlet round with the commune's own Khmer translation, supplied as a CSV file while it
 * was a draft and disclosed with it, so the public page shows the translation under the Vietnamese.
 */
import { utf8 } from '../../shared/bytes.ts';
import type { ConsultationInput, Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { createConsultation, uploadRoll } from '../core/consultations.ts';
import type { CoreDeps } from '../core/deps.ts';
import { discloseConsultation } from '../core/lifecycle.ts';
import type { Principal } from '../core/ports.ts';
import { supplyTranslation } from '../core/translations.ts';

const DAY = 24 * 3600_000;

function canalRound(now: Date): ConsultationInput {
  return {
    scope: { kind: 'hamlet', name: 'Phum Sóc Mới' },
    matter: 'other_self_managed',
    method: 'meeting',
    title: 'Nạo vét kênh thủy lợi phum Sóc Mới',
    description: 'Nạo vét 800 m kênh dẫn nước bằng ngày công của các hộ, trước hoặc sau vụ lúa.',
    opensAt: instant(new Date(now.getTime() + 3 * DAY)),
    closesAt: instant(new Date(now.getTime() + 3 * DAY + 4 * 3600_000)),
    questions: [
      {
        id: 'q1',
        type: 'single',
        text: 'Chọn thời gian nạo vét kênh',
        options: [
          { id: 'thang-3', label: 'Tháng 3, trước vụ lúa' },
          { id: 'thang-6', label: 'Tháng 6, sau vụ lúa' },
        ],
        rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
      },
    ],
  };
}

/** The commune's Khmer translation of the canal round, as its officials would type it in a spreadsheet. */
function khmerCsv(id: string): string {
  return [
    'khóa,nội dung',
    `consultationId,${id}`,
    'language.tag,km',
    'language.name,Tiếng Khmer (ភាសាខ្មែរ)',
    'title,ការស្តារប្រឡាយធារាសាស្ត្រ ភូមិសុកថ្មី',
    'description,"ស្តារប្រឡាយទឹក ៨០០ ម៉ែត្រ ដោយកម្លាំងពលកម្មរបស់គ្រួសារ មុន ឬក្រោយរដូវស្រូវ។"',
    'question.q1,ជ្រើសរើសពេលវេលាស្តារប្រឡាយ',
    'option.q1.thang-3,ខែ៣ មុនរដូវស្រូវ',
    'option.q1.thang-6,ខែ៦ ក្រោយរដូវស្រូវ',
    'notice.meeting_invitation,សូមអញ្ជើញតំណាងគ្រួសារចូលរួមប្រជុំអំពីការស្តារប្រឡាយ។',
  ].join('\n');
}

const roll = (): Household[] =>
  Array.from({ length: 24 }, (_, i) => ({
    id: `SM-${String(i + 1).padStart(3, '0')}`,
    hamlet: 'Phum Sóc Mới',
    head: `Chủ hộ ${i + 1}`,
    members: 1 + (i % 6),
    category: i % 9 === 0 ? 'poor' : 'standard',
  }));

/** Seeds the canal round with its Khmer translation and discloses it; returns the round's id. */
export async function seedTranslations(core: CoreDeps, official: Principal): Promise<string> {
  const rec = await createConsultation(core, official, canalRound(core.clock.now()));
  const id = rec.consultation.id;
  await uploadRoll(core, official, id, roll());
  await supplyTranslation(core, official, id, { bytes: utf8(khmerCsv(id)), name: 'ban-dich-khmer.csv' });
  await discloseConsultation(core, official, id);
  return id;
}
