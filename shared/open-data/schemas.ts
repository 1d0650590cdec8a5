/**
 * The JSON Schemas (draft 2020-12) of the published files, generated from the same zod schemas the code writes and
 * reads them with, published under `schemas/<name>.schema.json`. Each document gets its `$id`, a title and a
 * description in Vietnamese and English, and the same two languages on every top-level field. Checks that a zod
 * schema cannot say in JSON Schema (sorted lists, distinct ids, sums) stay with the verifier. Pure.
 */
import * as z from 'zod';
import { OPEN_DATA_FILES, type OpenDataFile, type Words } from './catalogue.ts';
import { EXAMPLES } from './examples.ts';

/** Where the schemas live on the site, from its root. */
export const SCHEMAS_DIR = 'schemas/';

/** The site path of a schema: `schemas/<name>.schema.json`. */
export const schemaPath = (name: string): string => `${SCHEMAS_DIR}${name}.schema.json`;

/** The `$id` of a schema, relative to the site's origin. */
export const schemaId = (name: string): string => `/${schemaPath(name)}`;

/** Both languages in one JSON Schema annotation: Vietnamese first. */
export const bilingual = (words: Words): string => `${words.vi} — ${words.en}`;

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema document of one published file.
 * Throws if a top-level property has no words in the catalogue, or the catalogue describes a property the schema
 * does not have, so that the page and the schema cannot drift apart.
 * @example schemaDocument(OPEN_DATA_FILES[0]).$id // '/schemas/consultation.schema.json'
 */
export function schemaDocument(file: OpenDataFile): JsonSchema {
  const generated = z.toJSONSchema(file.schema, { target: 'draft-2020-12' }) as JsonSchema;
  const { $schema, ...body } = generated;
  const properties = body.properties as Record<string, JsonSchema> | undefined;
  const described = Object.keys(file.fields);
  const present = Object.keys(properties ?? {});
  const missing = present.filter((p) => !described.includes(p));
  const unknown = described.filter((p) => !present.includes(p));
  if (missing.length > 0 || unknown.length > 0)
    throw new Error(`${file.name}: fields without words: [${missing.join(', ')}]; words without a field: [${unknown.join(', ')}]`);
  const lines = file.paths.some((p) => p.encoding === 'jsonl');
  const where = file.paths.map((p) => p.path).join(', ');
  return {
    $schema,
    $id: schemaId(file.name),
    title: `${file.title.vi} — ${file.title.en}`,
    description: bilingual({
      vi: `${file.holds.vi} Tệp: ${where}${lines ? ' (lược đồ cho từng dòng)' : ''}.`,
      en: `${file.holds.en} File: ${where}${lines ? ' (schema of each line)' : ''}.`,
    }),
    ...body,
    ...(properties
      ? { properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, { ...v, description: bilingual(file.fields[k]!) }])) }
      : {}),
    examples: [EXAMPLES[file.name]],
  };
}

/**
 * Every schema document, by its site path (`schemas/consultation.schema.json` ...), in the catalogue's order.
 * @example for (const [path, doc] of Object.entries(openDataSchemas())) await publisher.put(path, JSON.stringify(doc), ...)
 */
export function openDataSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(OPEN_DATA_FILES.map((f) => [schemaPath(f.name), schemaDocument(f)]));
}
