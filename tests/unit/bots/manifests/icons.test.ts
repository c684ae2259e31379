import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../../../src/bots/manifests/icons.js';
import { encodePng } from '../../../../src/bots/manifests/png.js';
import { MANIFESTS_DIR } from '../../../../src/cli/manifests.command.js';
import { readPng } from './readers.js';

const committed = (name: string) => readFileSync(join(MANIFESTS_DIR, 'teams', name));

function alphaValues(rgba: Buffer): Set<number> {
  const alphas = new Set<number>();
  for (let i = 3; i < rgba.length; i += 4) alphas.add(rgba[i] as number);
  return alphas;
}

describe('the Teams icons', () => {
  it.each([
    ['color.png', 192],
    ['outline.png', 32],
  ])('%s is a valid %i × %i RGBA PNG (read from its IHDR)', (name, size) => {
    const png = readPng(committed(name));
    expect(png).toMatchObject({ width: size, height: size, bitDepth: 8, colorType: 6, crcsValid: true });
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it.each([
    ['color.png', colorIcon],
    ['outline.png', outlineIcon],
  ])('the committed %s is exactly what manifests/teams/make-icons.ts draws', (name, draw) => {
    expect(committed(name).equals(draw())).toBe(true);
  });

  it('outline is white on transparent: every visible pixel is white, corners are fully transparent', () => {
    const { rgba } = readPng(committed('outline.png'));
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] !== 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(rgba[3]).toBe(0);
    expect(alphaValues(rgba).has(255)).toBe(true);
  });

  it('color icon is fully opaque, so Teams shows it the same on light and dark themes', () => {
    expect([...alphaValues(readPng(committed('color.png')).rgba)]).toEqual([255]);
  });
});

describe('encodePng', () => {
  it('round-trips pixels through the independent reader', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const png = readPng(encodePng({ width: 3, height: 2, pixels }));
    expect(png).toMatchObject({ width: 3, height: 2, crcsValid: true });
    expect([...png.rgba]).toEqual([...pixels]);
  });

  it.each([
    [0, 1, 0],
    [2, 2, 15],
    [1.5, 1, 4],
  ])('refuses a %s × %s image with %i bytes', (width, height, bytes) => {
    expect(() => encodePng({ width, height, pixels: new Uint8Array(bytes) })).toThrow(RangeError);
  });
});
