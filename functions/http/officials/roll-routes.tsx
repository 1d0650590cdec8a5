/**
 * The household roll: a CSV or Excel (.xlsx) file (multipart/form-data, at most 5 MiB, as the API's roll upload) or
 * pasted CSV, read into rows (the workbook by ./roll-xlsx.ts, loaded only when one comes), validated by the CSV
 * parser's rules and saved with uploadRoll. Every bad line comes back with its reason; nothing is half-taken. The
 * preview lists the stored households with their heads' names, 200 a page, to the commune's officials only.
 */
import { rollHouseholds, rollSummary } from '../../core/read-model.ts';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { readRollCsv, readRollRows } from '../../../shared/roll-csv.ts';
import type { CategoryCounts } from '../../../web/officials/model.ts';
import { RollPage, RollPreviewPage, type RollProblem, rollPreview } from '../../../web/officials/roll-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { uploadRoll } from '../../core/consultations.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { consultationId, formFields, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';
import { pageQuery } from './page-query.ts';
import { isOle2, isZip, readRollXlsx, rollTemplateXlsx } from './roll-xlsx.ts';

/** The API's limit for a roll (api.md), and room for the multipart framing and the other field. */
export const ROLL_LIMIT = 5 * 1024 * 1024;
const rollLimit = bodyLimit({
  maxSize: ROLL_LIMIT + 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});
/** The media type of an .xlsx workbook. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Pasted text is shown again after a refusal only when it keeps the page small. */
const ECHO_MAX = 16 * 1024;

/**
 * The roll template an official downloads and fills in: Vietnamese headers, two made-up households, UTF-8 with a
 * byte-order mark so that Excel reads the diacritics right.
 */
export const ROLL_TEMPLATE = `\ufeff${[
  'Mã hộ,"Thôn, tổ",Chủ hộ,Số nhân khẩu,Diện,Mặt tiền (m)',
  'TD-001,Thôn Đông,Nguyễn Văn An,4,Thường,"12,5"',
  'TD-002,Thôn Đông,Trần Thị Bình,3,Cận nghèo,',
].join('\r\n')}\r\n`;

/** The upload: a workbook (told by its bytes, or named .xlsx or .xls), else CSV text, from the file or pasted. */
type Upload = { text: string; pasted?: string } | { workbook: Uint8Array };

/** The roll file of the upload: the chosen file if there is one, else the pasted text. */
async function uploaded(c: Context): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data\b/i.test(type)) {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const file = body.file;
    if (file instanceof File && file.size > 0) {
      if (file.size > ROLL_LIMIT) throw new DomainError('payload_too_large', 'the roll is larger than 5 MiB');
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isZip(bytes) || isOle2(bytes) || /\.xlsx?$/i.test(file.name)) return { workbook: bytes };
      return { text: new TextDecoder().decode(bytes) };
    }
    const pasted = typeof body.csv === 'string' ? body.csv : '';
    return { text: pasted, pasted };
  }
  const pasted = (await formFields(c)).get('csv') ?? '';
  if (pasted.length > ROLL_LIMIT) throw new DomainError('payload_too_large', 'the roll is larger than 5 MiB');
  return { text: pasted, pasted };
}

export function rollRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const rollPage = async (
    c: Context<OfficialEnv>,
    status: number,
    rec: ConsultationRecord,
    more: { problems?: RollProblem[]; pasted?: string; uploaded?: { count: number; byCategory: CategoryCounts } } = {},
  ) => {
    const current = more.uploaded ?? (await rollSummary(core, who(c), rec.consultation.id));
    const pasted = more.pasted !== undefined && more.pasted.length <= ECHO_MAX ? more.pasted : undefined;
    return page(
      c,
      status,
      <RollPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        current={current}
        uploaded={more.uploaded}
        problems={more.problems}
        pasted={pasted}
      />,
    );
  };

  app.get('/officials/c/:id/roll', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    return rollPage(c, 200, rec);
  });

  app.get('/officials/c/:id/roll/template.csv', async (c) => {
    await loadForOfficial(core, who(c), consultationId(c));
    return c.body(ROLL_TEMPLATE, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="mau-danh-sach-ho.csv"',
      'cache-control': 'no-store',
    });
  });

  app.get('/officials/c/:id/roll/template.xlsx', async (c) => {
    await loadForOfficial(core, who(c), consultationId(c));
    const bytes = await rollTemplateXlsx();
    return c.body(bytes.slice().buffer, 200, {
      'content-type': XLSX_TYPE,
      'content-disposition': 'attachment; filename="mau-danh-sach-ho.xlsx"',
      'cache-control': 'no-store',
    });
  });

  app.get('/officials/c/:id/roll/households', async (c) => {
    const query = pageQuery(c);
    const { rec, households } = await rollHouseholds(core, who(c), consultationId(c));
    return page(
      c,
      200,
      <RollPreviewPage official={officialOf(who(c))!} consultation={rec.consultation} state={rec.state} preview={rollPreview(households, query)} />,
    );
  });

  app.post('/officials/c/:id/roll', rollLimit, async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const upload = await uploaded(c);
    let parsed: ReturnType<typeof readRollCsv>;
    let pasted: string | undefined;
    if ('workbook' in upload) {
      const sheet = await readRollXlsx(upload.workbook);
      if ('problem' in sheet) return rollPage(c, 400, rec, { problems: [sheet.problem] });
      parsed = readRollRows(sheet.rows);
    } else {
      if (upload.text.trim() === '') {
        return rollPage(c, 400, rec, { problems: [{ vi: 'Chưa chọn tệp và chưa dán nội dung CSV.', en: 'No file chosen and nothing pasted.' }] });
      }
      pasted = upload.pasted;
      parsed = readRollCsv(upload.text);
    }
    if (parsed.problems.length > 0) return rollPage(c, 400, rec, { problems: parsed.problems.map(({ line, vi, en }) => ({ line, vi, en })), pasted });
    let saved: Awaited<ReturnType<typeof uploadRoll>>;
    try {
      saved = await uploadRoll(core, who(c), rec.consultation.id, parsed.households);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request' && err.details) {
        // The core refuses only a repeated household id here, which the parser has already caught by line.
        const problems = err.details.map((d) => ({ line: d.line, vi: 'Mã hộ bị trùng hoặc dữ liệu không hợp lệ', en: d.message }));
        return rollPage(c, 400, rec, { problems, pasted });
      }
      throw err;
    }
    const n = (category: keyof CategoryCounts) => saved.byCategory[category] ?? 0;
    return rollPage(c, 200, rec, {
      uploaded: { count: saved.count, byCategory: { standard: n('standard'), poor: n('poor'), near_poor: n('near_poor'), policy: n('policy') } },
    });
  });
}
