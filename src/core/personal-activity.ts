import type { Activity } from './activity.js';

const PRIVATE_SENSITIVITY = ['private', 'personal'];
// Outlook's "oof" (out of office) marks absence just as "free" marks time the person did not block for work.
const NOT_BUSY = ['free', 'oof'];

// "personal" is also a legal term (personal jurisdiction, personal injury): those stay work.
const PERSONAL_WORDS = new RegExp(
  [
    'lunch',
    'dentist',
    'doctor',
    'gym',
    'personal(?!\\s+(?:jurisdiction|injury|injuries|property|data|information|representative|liability|guarant(?:y|ee)|knowledge|service))',
    'vacation',
    'holidays?',
    'school\\s+pick\\s*-?\\s*up',
    'haircut',
    'birthday',
    'pto',
    'out\\s+of\\s+office',
    'day\\s+off',
  ]
    .map((word) => `(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`)
    .join('|'),
  'iu',
);

function metaString(meta: Activity['meta'], key: string): string {
  const value = meta[key];
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/**
 * Why an item is private by the source's own markings (sensitivity private/personal, shown as free
 * or out of office), or null. These come from the calendar system, so nothing in a title outweighs them.
 */
export function personalByMarking(activity: Activity): string | null {
  const sensitivity = metaString(activity.meta, 'sensitivity');
  if (PRIVATE_SENSITIVITY.includes(sensitivity)) return `marked ${sensitivity} in the calendar`;
  const showAs = metaString(activity.meta, 'showAs');
  if (NOT_BUSY.includes(showAs)) return showAs === 'free' ? 'shown as free time' : 'shown as out of office';
  return null;
}

/** Why a title reads as a personal appointment ("lunch", "dentist", "school pickup" …), or null. */
export function personalByTitle(title: string): string | null {
  const hit = PERSONAL_WORDS.exec(title);
  return hit === null ? null : `"${hit[0].toLowerCase()}" in the title reads as personal`;
}
