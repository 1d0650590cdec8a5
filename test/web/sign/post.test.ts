import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptedKid, errorText, fetchPublished, postJws, refusal, WordedError } from '../../../web/sign/post.ts';
import { keyCache, supported } from '../../../web/sign/key-store.ts';
import { startParts, whenReady } from '../../../web/sign/page.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('what the signing scripts send and read back', () => {
  it('posts the compact JWS as application/jose to the page’s own route, with the session, and reads the JSON answer', async () => {
    const calls: [string, RequestInit][] = [];
    const answers = [new Response('{"kid":"abc"}', { status: 201 }), new Response('<html>gateway</html>', { status: 502 })];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return answers.shift()!;
    });
    await expect(postJws('/monitors/c/x/attest', 'a.b.c')).resolves.toEqual({ status: 201, body: { kid: 'abc' } });
    expect(calls).toEqual([
      ['/monitors/c/x/attest', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/jose' }, body: 'a.b.c' }],
    ]);
    // An answer that is not JSON (a proxy's page) is read as no body.
    await expect(postJws('/monitors/c/x/attest', 'a.b.c')).resolves.toEqual({ status: 502, body: undefined });
  });

  it('fetches a published file afresh with the session, and refuses an answer that is not 2xx', async () => {
    const calls: [string, RequestInit][] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response('x', { status: url.endsWith('missing.json') ? 404 : 200 });
    });
    await expect((await fetchPublished('/c/x/minutes.json', 'minutes.json')).text()).resolves.toBe('x');
    expect(calls[0]).toEqual(['/c/x/minutes.json', { credentials: 'same-origin', cache: 'no-store' }]);
    await expect(fetchPublished('/c/x/missing.json', 'minutes.json')).rejects.toThrow('minutes.json: HTTP 404');
  });

  it('takes a signature as accepted only from a 201 that names its key', () => {
    expect(acceptedKid({ status: 201, body: { kid: 'k1' } })).toBe('k1');
    expect(acceptedKid({ status: 200, body: { kid: 'k1' } })).toBeUndefined();
    expect(acceptedKid({ status: 201, body: undefined })).toBeUndefined();
    expect(acceptedKid({ status: 201, body: { kid: 7 } })).toBeUndefined();
  });

  it('words a refused post in Vietnamese alone on a Vietnamese page: the route’s message, or else the status', () => {
    expect(refusal({ status: 403, body: { error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } } }, false)).toBe(
      'Bị từ chối: Bạn không có quyền.',
    );
    expect(refusal({ status: 409, body: { error: { code: 'already_signed' } } }, false)).toBe('Bị từ chối (HTTP 409)');
    expect(refusal({ status: 502, body: undefined }, false)).toBe('Bị từ chối (HTTP 502)');
  });

  it('words a refused post Vietnamese first, then the status and the English reason, on a page that shows English', () => {
    expect(refusal({ status: 403, body: { error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } } }, true)).toBe(
      'Bị từ chối: Bạn không có quyền. / Refused (HTTP 403): not yours',
    );
    expect(refusal({ status: 409, body: { error: { code: 'already_signed' } } }, true)).toBe('Bị từ chối / Refused (HTTP 409): already_signed');
    expect(refusal({ status: 502, body: undefined }, true)).toBe('Bị từ chối / Refused (HTTP 502)');
  });

  it('words an error by its message, a DOMException’s too', () => {
    expect(errorText(new Error('no key this time'), false)).toBe('no key this time');
    expect(errorText(new DOMException('Key already exists', 'ConstraintError'), false)).toBe('Key already exists');
    expect(errorText('plain', true)).toBe('plain');
  });

  it('words an error the script words itself in the page’s languages', () => {
    const err = new WordedError('Hãy tải lại trang.', 'Reload the page.');
    expect(errorText(err, false)).toBe('Hãy tải lại trang.');
    expect(errorText(err, true)).toBe('Hãy tải lại trang. / Reload the page.');
    expect(err.message).toBe('Hãy tải lại trang. / Reload the page.');
  });
});

describe('outside a browser', () => {
  it('starts nothing: no page, no key store', () => {
    const start = vi.fn();
    whenReady(start);
    startParts(start, start);
    expect(start).not.toHaveBeenCalled();
    expect(supported()).toBe(false);
  });

  it('a key cache holds one attempt per name while it runs, and drops it once it failed', async () => {
    // No IndexedDB here: every attempt fails, which is what this needs.
    const key = keyCache('danban-minutes');
    const first = key('chair:Nguyễn Văn An');
    expect(key('chair:Nguyễn Văn An')).toBe(first);
    expect(key('secretary:Lê Thị Bình')).not.toBe(first);
    await expect(first).rejects.toThrow(/indexedDB/);
    const again = key('chair:Nguyễn Văn An');
    expect(again).not.toBe(first);
    await expect(again).rejects.toThrow(/indexedDB/);
  });
});
