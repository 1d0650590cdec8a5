import { describe, expect, it } from 'vitest';
import { dataSummary } from '../../../../functions/http/monitors/routes.tsx';

describe('the audit log’s data column', () => {
  it('shows the data as one line, cut to fit', () => {
    expect(dataSummary({})).toBe('');
    expect(dataSummary({ count: 3 })).toBe('{"count":3}');
    const long = dataSummary({ text: 'x'.repeat(500) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});
