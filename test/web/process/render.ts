/** Renders a staff view as a served page does: inside the request's languages (Vietnamese alone, or with English). */
import { type Child, jsx } from 'hono/jsx';
import { type Shown, ShownLanguages } from '../../../web/lang.tsx';

export function renderShown(shown: Shown, node: unknown): string {
  const html = jsx(ShownLanguages.Provider, { value: shown }, node as Child).toString();
  if (typeof html !== 'string') throw new Error('a view rendered asynchronously');
  return html;
}

/** The text of a page without its tags (entities left as they are). */
export const textOf = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
