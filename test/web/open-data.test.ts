import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { BallotsFile, Consultation, Manifest, type Rule } from '../../shared/schemas.ts';
import { ballotsCsv, csvField, tallyCsv } from '../../web/open-data.ts';
import { VECTORS_DIR } from '../support/vectors.ts';

const BOM = [0xef, 0xbb, 0xbf];
const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
/** The text after the BOM; fails if the file does not start with one. */
function textOf(bytes: Uint8Array): string {
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  return fromUtf8(bytes.subarray(3));
}

describe('RFC 4180 fields', () => {
  it.each([
    ['plain', 'plain'],
    ['Tán thành', 'Tán thành'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['', ''],
  ])('%j is written %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('numbers are written as they are', () => {
    expect(csvField(1234567)).toBe('1234567');
  });
});

describe('ballots.csv', () => {
  const questions = [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }];
  const r = (c: string) => c.repeat(64);

  it('has one row per ballot sorted by receipt, an answer column per question, approval ids joined with ;', () => {
    const csv = ballotsCsv(
      [
        { receipt: r('b'), answers: { q1: 'no', q2: 'abstain', q3: [] } },
        { receipt: r('a'), answers: { q1: 'yes', q2: 'level-300k', q3: ['den-duong', 'ranh-thoat-nuoc'] } },
      ],
      questions,
    );
    expect(textOf(csv)).toBe(`receipt,q1,q2,q3\r\n${r('a')},yes,level-300k,den-duong;ranh-thoat-nuoc\r\n${r('b')},no,abstain,\r\n`);
  });

  it('quotes what must be quoted and leaves a missing answer empty', () => {
    const csv = ballotsCsv([{ receipt: r('c'), answers: { q1: 'a,"b"' } }], [{ id: 'q1' }, { id: 'q2' }]);
    expect(textOf(csv)).toBe(`receipt,q1,q2\r\n${r('c')},"a,""b""",\r\n`);
  });

  it('of the test vectors has a header and ten rows in the order of ballots.json', () => {
    const ballots = BallotsFile.parse(good('ballots.json')).ballots;
    const { questions } = Consultation.parse(good('consultation.json'));
    const lines = textOf(ballotsCsv([...ballots].reverse(), questions)).split('\r\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('receipt,q1,q2,q3');
    expect(lines.slice(1, 11).map((l) => l.split(',')[0])).toEqual(ballots.map((b) => b.receipt));
    expect(lines[11]).toBe('');
  });
});

describe('tally.csv', () => {
  it('of the test vectors: a row per option and one for abstentions, with the threshold and what became of each', () => {
    const manifest = Manifest.parse(good('result.json'));
    expect(textOf(tallyCsv(manifest))).toBe(
      [
        'questionId,option,count,threshold,outcome',
        'q1,no,1,8,not_adopted',
        'q1,yes,8,8,adopted',
        'q1,abstain,1,,',
        'q2,level-300k,5,8,no_decision',
        'q2,level-400k,3,8,no_decision',
        'q2,level-500k,1,8,no_decision',
        'q2,abstain,1,,',
        'q3,cay-xanh,1,8,not_adopted',
        'q3,den-duong,8,8,adopted',
        'q3,ranh-thoat-nuoc,8,8,adopted',
        'q3,abstain,1,,',
        '',
      ].join('\r\n'),
    );
  });

  it('gives the question status to every option of a question that adopted nothing, whatever the order of counts', () => {
    const rule: Rule = { base: 'eligible', op: 'at_least', fraction: [1, 2] };
    const tally = [
      {
        questionId: 'q1',
        type: 'yes_no',
        rule,
        eligible: 4,
        cast: 1,
        abstain: 0,
        counts: { yes: 1, no: 0 },
        threshold: 2,
        outcome: { status: 'quorum_not_met', options: [] },
      },
    ] satisfies Manifest['tally'];
    expect(textOf(tallyCsv({ tally }))).toBe(
      'questionId,option,count,threshold,outcome\r\nq1,no,0,2,quorum_not_met\r\nq1,yes,1,2,quorum_not_met\r\nq1,abstain,0,,\r\n',
    );
  });
});
