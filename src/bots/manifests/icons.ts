import { encodePng, type RgbaImage } from './png.js';

/** The accent colour of the Teams app (manifest `accentColor`) and the colour icon's background. */
export const ACCENT_COLOR = '#1F4E79';

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const SAMPLES = 4; // 4 × 4 supersampling per pixel gives smooth edges without a rasteriser

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Whether a point (in units of the icon's size, 0..1) lies on the glyph: a clock face — a ring
 * with hands at ten past two — for "time, captured".
 */
function onGlyph(x: number, y: number, stroke: number): boolean {
  const ring = Math.abs(Math.hypot(x - 0.5, y - 0.5) - 0.34) <= stroke / 2;
  const minute = distanceToSegment(x, y, 0.5, 0.5, 0.5, 0.27) <= stroke / 2;
  const hour = distanceToSegment(x, y, 0.5, 0.5, 0.66, 0.58) <= stroke / 2;
  return ring || minute || hour;
}

function glyphCoverage(px: number, py: number, size: number, stroke: number): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy += 1) {
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      if (onGlyph((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, stroke)) hits += 1;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function draw(size: number, stroke: number, paint: (coverage: number) => readonly [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) pixels.set(paint(glyphCoverage(x, y, size, stroke)), (y * size + x) * 4);
  }
  return { width: size, height: size, pixels };
}

/** The Teams colour icon: 192 × 192, a white clock on the accent colour, fully opaque. */
export function colorIcon(): Buffer {
  const bg = hexToRgb(ACCENT_COLOR);
  const mix = (c: number, i: 0 | 1 | 2) => Math.round(bg[i] + (WHITE[i] - bg[i]) * c);
  return encodePng(draw(192, 0.07, (c) => [mix(c, 0), mix(c, 1), mix(c, 2), 255]));
}

/** The Teams outline icon: 32 × 32, white on transparent (Teams requires exactly that). */
export function outlineIcon(): Buffer {
  return encodePng(draw(32, 0.1, (c) => [255, 255, 255, Math.round(255 * c)]));
}
