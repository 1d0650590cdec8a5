/**
 * Small checks of generated markup, for tests without a DOM: XML well-formedness of an SVG fragment, and the
 * script and style elements of a page (the site's CSP runs no inline script).
 */

/** Problems that keep `xml` from being one well-formed XML element (empty when it is). */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let roots = 0;
  let at = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (stack.length === 0 && xml.slice(at, m.index).trim() !== '') problems.push(`text outside the root at ${at}`);
    at = token.lastIndex;
    const [whole, closing, name, attributes, selfClosing] = m;
    if (name === undefined) {
      problems.push(`a bare ${whole} at ${m.index}`);
      continue;
    }
    const names = [...(attributes ?? '').matchAll(/([\w:-]+)=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`<${name}> repeats an attribute`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (xml.slice(at).trim() !== '') problems.push('text after the root');
  if (stack.length) problems.push(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Every `<script ...>...</script>` of a page: its attributes and its content. */
export function scriptsOf(html: string): { attributes: string; content: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attributes: m[1]!, content: m[2]! }));
}

/** The attribute value of the first element matching `selector` as `tag#id` (enough for these pages). */
export function attributeOf(html: string, id: string, attribute: string): string | undefined {
  const tag = new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  return tag ? new RegExp(`\\b${attribute}="([^"]*)"`).exec(tag)?.[1] : undefined;
}
