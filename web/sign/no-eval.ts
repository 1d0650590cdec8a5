/**
 * Imported first by each signing script's entry, before anything that builds a zod schema. The pages' CSP allows no
 * eval, and zod, which the minutes' schema brings in, tries `new Function` once when it builds an object schema, to
 * compile a faster parser: the browser refuses it and reports a CSP violation even though zod catches the error.
 * Told `jitless`, zod never tries. ES modules run in import order, in the bundle too, so this runs before
 * shared/minutes.ts builds its schemas.
 */
import * as z from 'zod';

z.config({ jitless: true });
