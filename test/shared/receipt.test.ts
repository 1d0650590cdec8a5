import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { receiptOf } from '../../shared/receipt.ts';
import { sha256 } from '../../shared/sha256.ts';

describe('ballot receipt', () => {
  it('is H(JCS({"kind":"ballot/1", consultationId, answers, nonce})), computed independently', () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    const answers = { q2: 'level-50k', q1: 'yes', q3: ['drain', 'lights'] };
    const json = `{"answers":{"q1":"yes","q2":"level-50k","q3":["drain","lights"]},"consultationId":"C1","kind":"ballot/1","nonce":"${nonce}"}`;
    expect(receiptOf('C1', answers, nonce)).toBe(createHash('sha256').update(json).digest('hex'));
  });

  it('changes with any of consultation, answers and nonce', () => {
    const nonce = 'a'.repeat(32);
    const base = receiptOf('C1', { q1: 'yes' }, nonce);
    expect(receiptOf('C2', { q1: 'yes' }, nonce)).not.toBe(base);
    expect(receiptOf('C1', { q1: 'no' }, nonce)).not.toBe(base);
    expect(receiptOf('C1', { q1: 'yes' }, 'b'.repeat(32))).not.toBe(base);
  });

  it('uses an injected hash', () => {
    expect(receiptOf('C1', {}, 'a'.repeat(32), () => new Uint8Array([1, 2]))).toBe('0102');
  });
});

describe('the receipt of a paper slip (bundle.md result/2)', () => {
  const nonce = 'c'.repeat(32);
  it('covers the serial: H(JCS({"kind":"ballot/1","consultationId","answers","nonce","serial"}))', () => {
    const json = `{"answers":{"q1":"yes"},"consultationId":"C1","kind":"ballot/1","nonce":"${nonce}","serial":"PX-007"}`;
    expect(receiptOf('C1', { q1: 'yes' }, nonce, sha256, 'PX-007')).toBe(createHash('sha256').update(json).digest('hex'));
  });
  it('differs with another serial, and without a serial is the receipt of result/1', () => {
    const plain = receiptOf('C1', { q1: 'yes' }, nonce);
    expect(receiptOf('C1', { q1: 'yes' }, nonce, sha256, 'PX-007')).not.toBe(receiptOf('C1', { q1: 'yes' }, nonce, sha256, 'PX-008'));
    expect(receiptOf('C1', { q1: 'yes' }, nonce, sha256, undefined)).toBe(plain);
    const json = `{"answers":{"q1":"yes"},"consultationId":"C1","kind":"ballot/1","nonce":"${nonce}"}`;
    expect(plain).toBe(createHash('sha256').update(json).digest('hex'));
  });
});
