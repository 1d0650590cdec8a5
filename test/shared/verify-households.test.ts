import { describe, expect, it } from 'vitest';
import { utf8 } from '../../shared/bytes.ts';
import { sha256 } from '../../shared/sha256.ts';
import { loadBundle } from '../../shared/verify/load.ts';

const CID = '01JD5RQ7X8N2M4K6P9T0V3W5YZ';
const CHANNELS = ['online', 'paper', 'meeting'] as const;

/** Ids of many lengths, some with the bytes that delimit households, enough of them to span several windows. */
const ids = Array.from({ length: 12_000 }, (_, i) => `H-${String(i).padStart(6, '0')}${i % 7 === 0 ? '},{]' : ''}${'x'.repeat(i % 23)}`).sort();

const load = (name: string, text: string) => loadBundle({ [name]: utf8(text) }, sha256, async () => {});
const reason = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );

describe('roll.json and participants.json of a million households', () => {
  const roll = JSON.stringify({ consultationId: CID, households: ids.map((id) => ({ id })) });
  const participants = JSON.stringify({ consultationId: CID, households: ids.map((id, i) => ({ channel: CHANNELS[i % 3], id })) });

  it('read as JSON.parse reads them, across many windows', async () => {
    expect(roll.length).toBeGreaterThan(4 * 65_536);
    expect(await load('roll.json', roll).roll()).toEqual({ consultationId: CID, ids });
    const read = await load('participants.json', participants).participants();
    expect(read).toEqual({ consultationId: CID, households: ids.map((id, i) => ({ channel: CHANNELS[i % 3], id })) });
  });

  it('an id with an escape, a non-ASCII letter or of 5,000 characters reads as JSON.parse reads it', async () => {
    for (const odd of ['DG-"001"', 'DG-\\001', 'Hộ-001', `DG-${'9'.repeat(5000)}`]) {
      const text = JSON.stringify({ consultationId: CID, households: [...ids.slice(0, 3000), odd].map((id) => ({ id })) });
      expect((await load('roll.json', text).roll()).ids.at(-1)).toBe(odd);
    }
  });

  // Each refused as before: the quick read leaves anything off the canonical form to the ordinary parse.
  const cases: [string, string, string, RegExp][] = [
    ['roll.json', 'a space after a comma', roll.replace('"},{"id"', '"}, {"id"'), /^roll\.json is not canonical JSON/],
    ['roll.json', 'a byte after the end', `${roll}\n`, /^roll\.json is not canonical JSON/],
    ['roll.json', 'cut short', roll.slice(0, -2), /^roll\.json: malformed JSON/],
    [
      'roll.json',
      'a household with a name',
      roll.replace('{"id":"H-000005', '{"id":"H-000005","name":"x'),
      /^roll\.json household \d+ must have exactly the members id/,
    ],
    ['roll.json', 'an id that is a number', roll.replace(/"id":"H-000005[^"]*"/, '"id":5'), /^roll\.json household \d+: id is not a string$/],
    [
      'participants.json',
      'an unknown channel',
      participants.replace('"channel":"paper"', '"channel":"post"'),
      /^participants\.json household 2: channel is not online/,
    ],
    [
      'participants.json',
      'members out of order',
      participants.replace(/\{"channel":"online","id":"([^"]*)"\}/, '{"id":"$1","channel":"online"}'),
      /^participants\.json is not canonical JSON/,
    ],
    [
      'participants.json',
      'a member after the households',
      participants.replace(/]}$/, '],"x":1}'),
      /^participants\.json must have exactly the members consultationId, households$/,
    ],
  ];

  it.each(cases)('%s %s is refused', async (name, _what, text, message) => {
    const bundle = load(name, text);
    expect(await reason(name === 'roll.json' ? bundle.roll() : bundle.participants())).toMatch(message);
  });
});
