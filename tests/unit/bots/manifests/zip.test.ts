import { describe, expect, it } from 'vitest';
import { createZip } from '../../../../src/bots/manifests/zip.js';
import { readZip } from './readers.js';

const AT = new Date('2026-11-29T15:04:06Z');
const TEXT = Buffer.from('{"a":"repetitive repetitive repetitive repetitive text"}');
const NOISE = Buffer.from([0x00, 0xff, 0x13]);

describe('createZip', () => {
  it('writes entries that an independent reader lists in order, with valid CRCs and identical bytes', () => {
    const entries = readZip(createZip([{ name: 'manifest.json', data: TEXT }, { name: 'dir/x.bin', data: NOISE }, { name: 'empty', data: Buffer.alloc(0) }], AT));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'dir/x.bin', 'empty']);
    expect(entries.every((e) => e.crcValid)).toBe(true);
    expect(entries.map((e) => e.data.toString('hex'))).toEqual([TEXT, NOISE, Buffer.alloc(0)].map((b) => b.toString('hex')));
  });

  it('deflates what shrinks and stores what does not', () => {
    const [text, noise] = readZip(createZip([{ name: 't', data: TEXT }, { name: 'n', data: NOISE }], AT));
    expect([text?.method, noise?.method]).toEqual([8, 0]);
  });

  it('stamps every entry with the given time in MS-DOS format and gives the same bytes for the same input', () => {
    const zip = createZip([{ name: 't', data: TEXT }], AT);
    const [entry] = readZip(zip);
    expect(entry?.modified).toEqual({ time: (15 << 11) | (4 << 5) | 3, date: ((2026 - 1980) << 9) | (11 << 5) | 29 });
    expect(createZip([{ name: 't', data: TEXT }], AT).equals(zip)).toBe(true);
  });

  it('writes an empty archive as a lone end record', () => {
    expect(createZip([], AT).length).toBe(22);
    expect(readZip(createZip([], AT))).toEqual([]);
  });

  it.each(['', '/etc/passwd', '../up', 'a/../../b', 'back\\slash'])('refuses the entry name %j', (name) => {
    expect(() => createZip([{ name, data: TEXT }], AT)).toThrow(RangeError);
  });
});
