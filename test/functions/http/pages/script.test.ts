import { describe, expect, it } from 'vitest';
import { VOTE_JS } from '../../../../web/vote/script.ts';

/** Runs the page script against a few stand-ins for the DOM objects it touches. */
function run(options: { hash: string; code?: { value: string }; fieldsets?: unknown[]; tools?: Record<string, unknown> }) {
  const replaced: string[] = [];
  const elements: Record<string, unknown> = { code: options.code, tools: options.tools, receipt: { textContent: ' abc ' } };
  const document = {
    getElementById: (id: string) => elements[id] ?? null,
    querySelectorAll: () => options.fieldsets ?? [],
    createElement: () => ({ addEventListener: () => undefined }),
  };
  const location = { hash: options.hash, pathname: '/vote/01ARZ3NDEKTSV4RRFFQ69G5FAV', search: '?lang=en' };
  const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) };
  new Function('document', 'location', 'history', 'navigator', 'window', VOTE_JS)(document, location, history, {}, {});
  return { replaced };
}

describe('the page script', () => {
  it('fills the code field from the fragment and removes the fragment from the address', () => {
    const code = { value: '' };
    const { replaced } = run({ hash: '#code=ABCD-EFGH-JKMN-PQRS', code });
    expect(code.value).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(replaced).toEqual(['/vote/01ARZ3NDEKTSV4RRFFQ69G5FAV?lang=en']);
  });

  it('leaves a code the resident already typed, and an address without a code, alone', () => {
    const code = { value: 'typed' };
    expect(run({ hash: '#code=ABCD', code }).replaced).toHaveLength(1);
    expect(code.value).toBe('typed');
    expect(run({ hash: '#main', code }).replaced).toEqual([]);
  });

  it('disables the remaining boxes of an approval question once its maximum is ticked', () => {
    const boxes = [
      { checked: true, disabled: false },
      { checked: true, disabled: false },
      { checked: false, disabled: false },
    ];
    let onChange: () => void = () => undefined;
    const set = {
      getAttribute: () => '2',
      querySelectorAll: () => boxes,
      addEventListener: (_e: string, f: () => void) => (onChange = f),
    };
    run({ hash: '', fieldsets: [set] });
    expect(boxes.map((b) => b.disabled)).toEqual([false, false, true]);
    boxes[0]!.checked = false;
    onChange();
    expect(boxes.map((b) => b.disabled)).toEqual([false, false, false]);
  });

  it('shows the print button, labelled by the page, where the page leaves room for it', () => {
    const added: Array<{ textContent?: string }> = [];
    const tools = { hidden: true, getAttribute: (name: string) => `label:${name}`, appendChild: (b: { textContent?: string }) => added.push(b) };
    run({ hash: '', tools });
    expect(tools.hidden).toBe(false);
    expect(added.map((b) => b.textContent)).toEqual(['label:data-print']);
  });
});
