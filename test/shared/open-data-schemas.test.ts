/**
 * The open-data schemas (shared/open-data/): each generated document compiles under a JSON Schema 2020-12 validator
 * (ajv, strict), carries its `$id`, a title and Vietnamese and English words on every top-level field; each example
 * is accepted by both the zod schema and the JSON Schema; and what zod refuses for a file's shape (an unknown field,
 * a missing one, a malformed value) the JSON Schema refuses too.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { OPEN_DATA_FILES, openDataFileOf } from '../../shared/open-data/catalogue.ts';
import { EXAMPLES } from '../../shared/open-data/examples.ts';
import { openDataSchemas, schemaDocument, schemaPath } from '../../shared/open-data/schemas.ts';
import { openDataPage, openDataSiteFiles } from '../../web/open-data-page.tsx';

const ajv = () => {
  const a = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(a);
  return a;
};
const VIETNAMESE = /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i;

describe('the open-data JSON Schemas', () => {
  const docs = openDataSchemas();

  it('has one schema per catalogue entry, each at schemas/<name>.schema.json', () => {
    expect(Object.keys(docs)).toEqual(OPEN_DATA_FILES.map((f) => `schemas/${f.name}.schema.json`));
    expect(new Set(OPEN_DATA_FILES.map((f) => f.name)).size).toBe(OPEN_DATA_FILES.length);
  });

  it.each(OPEN_DATA_FILES.map((f) => [f.name, f] as const))('%s compiles under ajv 2020 (strict) and is a valid 2020-12 schema', (name, file) => {
    const doc = docs[schemaPath(name)]!;
    const a = ajv();
    expect(a.validateSchema(doc), a.errorsText()).toBe(true);
    expect(() => a.compile(doc)).not.toThrow();
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.$id).toBe(`/schemas/${name}.schema.json`);
    expect(doc.title).toBe(`${file.title.vi} — ${file.title.en}`);
    expect(doc.description).toMatch(VIETNAMESE);
    expect(doc.description).toContain(file.holds.en);
  });

  it.each(OPEN_DATA_FILES.map((f) => [f.name, f] as const))('%s: every top-level field has its Vietnamese and English words', (name, file) => {
    const properties = (docs[schemaPath(name)]!.properties ?? {}) as Record<string, { description?: string }>;
    for (const [field, schema] of Object.entries(properties)) {
      const words = file.fields[field]!;
      expect(schema.description, field).toBe(`${words.vi} — ${words.en}`);
      expect(words.vi.normalize('NFC')).toBe(words.vi);
      expect(words.vi, field).not.toBe(words.en);
    }
    expect(Object.keys(properties).sort()).toEqual(Object.keys(file.fields).sort());
  });

  it.each(OPEN_DATA_FILES.map((f) => [f.name, f] as const))('%s: its example passes both zod and the JSON Schema', (name, file) => {
    const example = EXAMPLES[name];
    expect(example).toBeDefined();
    expect(file.schema.safeParse(example).error?.issues ?? []).toEqual([]);
    const validate = ajv().compile(docs[schemaPath(name)]!);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(docs[schemaPath(name)]!.examples).toEqual([example]);
  });

  it.each(OPEN_DATA_FILES.filter((f) => Object.keys(f.fields).length > 0).map((f) => [f.name, f] as const))(
    '%s: an unknown field or a missing required one is refused by both',
    (name, file) => {
      const example = EXAMPLES[name] as Record<string, unknown>;
      const validate = ajv().compile(docs[schemaPath(name)]!);
      const extra = { ...example, household: 'H-001' };
      expect(file.schema.safeParse(extra).success).toBe(false);
      expect(validate(extra)).toBe(false);
      const required = (docs[schemaPath(name)]!.required as string[] | undefined) ?? [];
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        const { [field]: _dropped, ...rest } = example;
        expect(file.schema.safeParse(rest).success, field).toBe(false);
        expect(validate(rest), field).toBe(false);
      }
    },
  );

  it('refuses malformed values as zod does: a hash, a time, a serial, a receipt', () => {
    const cases: Array<[string, (x: any) => void]> = [
      ['result', (x) => (x.files['ballots.json'] = 'ABC')],
      ['result', (x) => (x.closedAt = '2026-11-22 10:00')],
      ['ballots', (x) => (x.ballots[0].serial = 'a b')],
      ['ballots', (x) => (x.ballots[0].receipt = x.ballots[0].receipt.toUpperCase())],
      ['audit-event', (x) => (x.seq = 0)],
      ['audit-event', (x) => (x.actor.role = 'resident')],
      ['ledger-event', (x) => (x.entry.type = 'gift')],
      ['consultation', (x) => (x.questions[0].id = 'Q 1')],
      ['participants', (x) => (x.households[0].channel = 'phone')],
      ['attestations-index', (x) => x.push('short')],
      ['jwks', (x) => (x.keys[0].alg = 'RS256')],
    ];
    for (const [name, change] of cases) {
      const copy = structuredClone(EXAMPLES[name]);
      change(copy);
      const file = OPEN_DATA_FILES.find((f) => f.name === name)!;
      expect(file.schema.safeParse(copy).success, `${name} zod`).toBe(false);
      expect(ajv().compile(docs[schemaPath(name)]!)(copy), `${name} ajv`).toBe(false);
    }
  });

  it('refuses a catalogue entry whose words and fields disagree', () => {
    const file = OPEN_DATA_FILES.find((f) => f.name === 'roll')!;
    const { households: _gone, ...fields } = file.fields;
    expect(() => schemaDocument({ ...file, fields })).toThrow(/fields without words: \[households\]/);
    expect(() => schemaDocument({ ...file, fields: { ...file.fields, extra: { vi: 'Thêm', en: 'Extra' } } })).toThrow(/words without a field: \[extra\]/);
  });

  it('finds the schema of a published path, and none for a path it does not know', () => {
    const id = '01JD8Z6Q9G4S7YV2M3K5N8P0RT';
    const kid = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
    const of = (p: string) => {
      const hit = openDataFileOf(p);
      return hit ? `${hit.file.name}/${hit.encoding}` : undefined;
    };
    expect(of(`c/${id}/consultation.json`)).toBe('consultation/json');
    expect(of(`c/${id}/audit.jsonl`)).toBe('audit-event/jsonl');
    expect(of(`c/${id}/result.jws`)).toBe('result/jws');
    expect(of(`c/${id}/attestations/${kid}.jws`)).toBe('attestation/jws');
    expect(of(`c/${id}/attestations/index.json`)).toBe('attestations-index/json');
    expect(of(`c/${id}/record/signatures/village_head.jws`)).toBe('record-signature/jws');
    expect(of(`c/${id}/contributions/ledger.jsonl`)).toBe('ledger-event/jsonl');
    expect(of(`g/${id}/aggregate.jws`)).toBe('aggregate/jws');
    expect(of('keys/jwks.json')).toBe('jwks/json');
    expect(of(`c/${id}/other.json`)).toBeUndefined();
    expect(of(`c/${id}/consultation.json.bak`)).toBeUndefined();
    expect(of(`x/c/${id}/consultation.json`)).toBeUndefined();
  });
});

describe('the open-data page', () => {
  const html = openDataPage();

  it('lists every file with its schema link, Vietnamese first, then English', () => {
    expect(html).toContain('<html lang="vi">');
    expect(html.indexOf('Dữ liệu mở')).toBeLessThan(html.indexOf('Open data'));
    for (const f of OPEN_DATA_FILES) {
      expect(html).toContain(`href="schemas/${f.name}.schema.json"`);
      expect(html).toContain(`id="${f.name}"`);
      for (const words of Object.values(f.fields)) {
        const [vi, en] = [htmlText(words.vi), htmlText(words.en)];
        expect(html).toContain(vi);
        expect(html).toContain(en);
      }
    }
    expect(html.normalize('NFC')).toBe(html);
  });

  it('shows each example as JSON', () => {
    expect(html).toContain(htmlText(JSON.stringify(EXAMPLES.roll, null, 2)));
  });

  it('publishes the page and one file per schema, each schema as JSON', () => {
    const files = openDataSiteFiles();
    expect(files.map((f) => f.path)).toEqual(['open-data.html', ...OPEN_DATA_FILES.map((f) => schemaPath(f.name))]);
    for (const f of files.slice(1)) expect(JSON.parse(f.body).$id).toBe(`/${f.path}`);
  });
});

/** As hono's JSX escapes text. */
function htmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
