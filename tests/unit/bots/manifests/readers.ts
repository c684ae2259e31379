// Small independent readers of what the manifests code writes: a PNG (chunks, CRCs, IHDR, pixels)
// and a zip (from the end-of-central-directory record back to each local header).
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly chunks: readonly string[];
  readonly crcsValid: boolean;
  /** RGBA bytes, only for 8-bit colour type 6 with filter 0 rows (what Tally writes). */
  readonly rgba: Buffer;
}

const PNG_SIGNATURE = '89504e470d0a1a0a';

export function readPng(png: Buffer): PngInfo {
  if (png.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new Error('not a PNG');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let crcsValid = true;
  let ihdr: Buffer | undefined;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    if ((crc32(png.subarray(at + 4, at + 8 + length)) >>> 0) !== png.readUInt32BE(at + 8 + length)) crcsValid = false;
    chunks.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!ihdr || chunks[0] !== 'IHDR') throw new Error('PNG without a leading IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const colorType = ihdr.readUInt8(9);
  const bitDepth = ihdr.readUInt8(8);
  let rgba = Buffer.alloc(0);
  if (colorType === 6 && bitDepth === 8) {
    const raw = inflateSync(Buffer.concat(idat));
    const rows: Buffer[] = [];
    for (let y = 0; y < height; y += 1) {
      const start = y * (width * 4 + 1);
      if (raw[start] !== 0) throw new Error(`row ${y} uses filter ${raw[start]}`);
      rows.push(raw.subarray(start + 1, start + 1 + width * 4));
    }
    rgba = Buffer.concat(rows);
  }
  return { width, height, bitDepth, colorType, chunks, crcsValid, rgba };
}

export interface ZipEntryRead {
  readonly name: string;
  readonly method: number;
  readonly data: Buffer;
  readonly crcValid: boolean;
  readonly modified: { readonly time: number; readonly date: number };
}

export function readZip(zip: Buffer): ZipEntryRead[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntryRead[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    entries.push({ name, method, data, crcValid: (crc32(data) >>> 0) === crc, modified: { time: zip.readUInt16LE(at + 12), date: zip.readUInt16LE(at + 14) } });
    at += 46 + skip;
  }
  return entries;
}
