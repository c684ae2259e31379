// Draws the Teams icons of this folder: `npx tsx manifests/teams/make-icons.ts`.
// The PNGs are committed; a unit test checks they are exactly what this script draws.
import { writeFileSync } from 'node:fs';
import { colorIcon, outlineIcon } from '../../src/bots/manifests/icons.js';

writeFileSync(new URL('./color.png', import.meta.url), colorIcon());
writeFileSync(new URL('./outline.png', import.meta.url), outlineIcon());
