import { indexFor } from './phrase-index.js';

/** A person Tally knows by address: the firm's people, with their configured names. */
export interface KnownPerson {
  readonly email: string;
  readonly name: string;
}

// Names come from invites and config; control characters and markup never belong in a narrative.
const NOT_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>[\]{}|\\`*]/gu;

function capitalise(word: string): string {
  return word
    .split('-')
    .map((part) => (part === '' ? part : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()))
    .join('-');
}

function initialOf(word: string): string {
  const first = Array.from(word)[0] ?? '';
  return `${first.toUpperCase()}.`;
}

/** "Alice Harlow" → "A. Harlow"; "Robert J. Arnsley" → "R. Arnsley"; a single word stays as it is. */
export function shortName(fullName: string): string {
  const parts = fullName.replace(NOT_NAME, ' ').trim().split(/\s+/).filter((part) => part !== '');
  if (parts.length === 0) return '';
  const last = parts[parts.length - 1] ?? '';
  const first = parts[0] ?? '';
  return parts.length === 1 ? first : `${initialOf(first)} ${last}`;
}

/**
 * A readable name from an address alone: "john.doe@acme.com" and "john_doe@…" → "J. Doe";
 * a local part that does not split ("jdoe", "legal") → capitalised ("Jdoe", "Legal"). "+tags" are dropped.
 */
export function nameFromEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = (at < 0 ? email : email.slice(0, at)).replace(/\+.*$/, '').replace(NOT_NAME, '').trim();
  const parts = local.split(/[._]+/).filter((part) => part !== '');
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (first === undefined || last === undefined) return local;
  return parts.length === 1 ? capitalise(first) : `${initialOf(first)} ${capitalise(last)}`;
}

const DIRECTORIES = new WeakMap<readonly KnownPerson[], Map<string, KnownPerson>>();

/** How a participant is named in a narrative: a known person's configured name in short form, else from the address. */
export function personName(email: string, people: readonly KnownPerson[]): string {
  const lower = email.trim().toLowerCase();
  // A firm has thousands of people and a day's narratives name tens of thousands: look up, don't scan.
  const directory = indexFor(DIRECTORIES, people, () => {
    const map = new Map<string, KnownPerson>();
    for (const person of people) {
      const key = person.email.trim().toLowerCase();
      if (!map.has(key)) map.set(key, person);
    }
    return map;
  });
  const known = directory.get(lower);
  const fromConfig = known === undefined ? '' : shortName(known.name);
  return fromConfig === '' ? nameFromEmail(email) : fromConfig;
}

/** "A", "A and B", "A, B and C". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
