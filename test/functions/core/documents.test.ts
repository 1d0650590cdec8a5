import { describe, expect, it } from 'vitest';
import { checkUpload, documentTitle, mediaTypeOf, sniffMediaType } from '../../../functions/core/documents.ts';
import { DomainError } from '../../../shared/errors.ts';
import { Consultation, ConsultationInput, Document, DOCUMENT_MAX_BYTES, documentFile } from '../../../shared/schemas.ts';

const bytes = (...head: number[]) => new Uint8Array([...head, 0x00, 0x01, 0x02]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37); // %PDF-1.7
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);

/** The error code `fn` throws, or 'none'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('what an attached file is', () => {
  it.each([
    ['a PDF by its %PDF- header', PDF, 'application/pdf'],
    ['a PNG by its 8-byte signature', PNG, 'image/png'],
    ['a JPEG by FF D8 FF', JPEG, 'image/jpeg'],
    ['nothing for %PDF without the dash', bytes(0x25, 0x50, 0x44, 0x46, 0x20), undefined],
    ['nothing for a PNG signature cut short', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]), undefined],
    ['nothing for FF D8 alone', new Uint8Array([0xff, 0xd8]), undefined],
    ['nothing for HTML', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), undefined],
    ['nothing for an SVG image', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), undefined],
    ['nothing for no bytes', new Uint8Array(0), undefined],
  ])('is %s', (_name, input, expected) => {
    expect(sniffMediaType(input)).toBe(expected);
  });

  it('reads a Content-Type header without its parameters, in lowercase', () => {
    expect(mediaTypeOf('Image/PNG; name="a.png"')).toBe('image/png');
    expect(mediaTypeOf(undefined)).toBe('');
  });
});

describe('checking an upload', () => {
  it.each([
    ['application/pdf', PDF, 'application/pdf'],
    ['image/png', PNG, 'image/png'],
    ['image/jpeg; charset=binary', JPEG, 'image/jpeg'],
  ])('takes %s whose bytes say so', (declared, input, expected) => {
    expect(checkUpload(declared, input)).toBe(expected);
  });

  it.each([
    ['a type that is not attachable', 'text/html', PDF, 'unsupported_media_type'],
    ['an SVG', 'image/svg+xml', new TextEncoder().encode('<svg/>'), 'unsupported_media_type'],
    ['no type at all', '', PDF, 'unsupported_media_type'],
    ['a PDF sent as a PNG', 'image/png', PDF, 'unsupported_media_type'],
    ['HTML sent as a PDF', 'application/pdf', new TextEncoder().encode('<html>%PDF-</html>'), 'unsupported_media_type'],
    ['a JPEG sent as a PDF', 'application/pdf', JPEG, 'unsupported_media_type'],
    ['an empty file', 'application/pdf', new Uint8Array(0), 'invalid_request'],
  ])('refuses %s', (_name, declared, input, code) => {
    expect(codeOf(() => checkUpload(declared, input))).toBe(code);
  });

  it('takes exactly 4 MiB and refuses one byte more with payload_too_large, whatever the type', () => {
    const max = new Uint8Array(DOCUMENT_MAX_BYTES);
    max.set(PDF);
    expect(checkUpload('application/pdf', max)).toBe('application/pdf');
    const over = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
    over.set(PDF);
    expect(codeOf(() => checkUpload('application/pdf', over))).toBe('payload_too_large');
    expect(codeOf(() => checkUpload('text/plain', over))).toBe('payload_too_large');
  });
});

describe('a document title', () => {
  it('is stored in NFC and trimmed', () => {
    const decomposed = '  Quyết định phê duyệt dự án  '.normalize('NFD');
    expect(documentTitle(decomposed)).toBe('Quyết định phê duyệt dự án'.normalize('NFC'));
    expect(documentTitle(decomposed)).not.toBe(decomposed.trim());
  });

  it.each([
    ['missing', undefined],
    ['blank', '   '],
    ['over 300 characters', 'đ'.repeat(301)],
  ])('is refused when %s', (_name, title) => {
    expect(codeOf(() => documentTitle(title))).toBe('invalid_request');
  });

  it('may be 300 characters', () => {
    expect(documentTitle('đ'.repeat(300))).toHaveLength(300);
  });
});

describe('the Document schema', () => {
  const sha256 = 'ab'.repeat(32);
  const doc = { title: 'Bản vẽ thiết kế', file: documentFile(sha256, 'image/jpeg'), sha256, bytes: 1234, mediaType: 'image/jpeg' as const };

  it('names the file after the hash, with the extension of the media type', () => {
    expect(doc.file).toBe(`docs/${sha256}.jpg`);
    expect(documentFile(sha256, 'application/pdf')).toBe(`docs/${sha256}.pdf`);
    expect(Document.safeParse(doc).success).toBe(true);
  });

  it.each([
    ['a file named after another hash', { file: `docs/${'cd'.repeat(32)}.jpg` }],
    ['a file whose extension is not the media type', { file: `docs/${sha256}.png` }],
    ['a file outside docs/', { file: `../${sha256}.jpg` }],
    ['an uppercase hash', { sha256: sha256.toUpperCase() }],
    ['a media type that is not attachable', { mediaType: 'text/html' }],
    ['more than 4 MiB', { bytes: DOCUMENT_MAX_BYTES + 1 }],
    ['an uploader field', { uploadedBy: 'Nguyễn Văn A' }],
  ])('refuses %s', (_name, change) => {
    expect(Document.safeParse({ ...doc, ...change }).success).toBe(false);
  });

  it('is on the consultation, at most once per file and at most 10, but never in the create/edit body', () => {
    const input: ConsultationInput = {
      scope: { kind: 'hamlet', name: 'Thôn Đông' },
      matter: 'opinion',
      method: 'household_ballot',
      title: 'Đường thôn',
      description: 'Mô tả',
      opensAt: '2026-12-01T01:00:00Z',
      closesAt: '2026-12-08T10:00:00Z',
      questions: [{ id: 'q1', type: 'yes_no', text: 'Tán thành?', options: [], rule: { base: 'cast', op: 'more_than', fraction: [1, 2] } }],
    };
    const consultation = { ...input, id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', commune: 'xa-a' };
    expect(Consultation.safeParse({ ...consultation, documents: [doc] }).success).toBe(true);
    expect(Consultation.safeParse(consultation).success).toBe(true);
    expect(Consultation.safeParse({ ...consultation, documents: [doc, { ...doc, title: 'Lần hai' }] }).success).toBe(false);
    const ten = Array.from({ length: 11 }, (_, i) => {
      const h = i.toString(16).padStart(2, '0').repeat(32);
      return { ...doc, sha256: h, file: documentFile(h, 'image/jpeg') };
    });
    expect(Consultation.safeParse({ ...consultation, documents: ten.slice(0, 10) }).success).toBe(true);
    expect(Consultation.safeParse({ ...consultation, documents: ten }).success).toBe(false);
    const body = ConsultationInput.safeParse({ ...input, documents: [doc] });
    expect(body.success).toBe(false);
    expect(body.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
