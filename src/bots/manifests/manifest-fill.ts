import { AppError } from '../../core/errors.js';

/** The public address platforms call, normalised: no trailing slash, and its host for validDomains. */
export interface PublicUrl {
  readonly url: string;
  readonly host: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

/**
 * Checks the address Slack and Teams will call. Both platforms only call https, so anything else
 * is refused, except http://localhost for trying the manifests out on one machine.
 */
export function parsePublicUrl(raw: string): PublicUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('INVALID_INPUT', `--public-url "${raw}" is not a URL (example: https://tally.firm.example)`);
  }
  const localHttp = url.protocol === 'http:' && url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !localHttp) {
    throw new AppError('INVALID_INPUT', `--public-url must start with https:// (Slack and Teams only call https addresses; http is accepted only for http://localhost), not "${raw}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('INVALID_INPUT', `--public-url must be a plain address without credentials, query or fragment, not "${raw}"`);
  }
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, host: url.hostname };
}

/** Checks a Microsoft app id (the Azure Bot's app registration): a GUID. */
export function parseAppId(raw: string, source: string): string {
  const id = raw.trim();
  if (!GUID.test(id)) throw new AppError('INVALID_INPUT', `${source} must be the bot's Microsoft app id (a GUID such as 00000000-0000-0000-0000-000000000000), not "${raw}"`);
  return id;
}

/**
 * Replaces every `{{NAME}}` in a manifest template. A placeholder without a value is a mistake in
 * the template, never left in a file a platform would then reject.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new AppError('INTERNAL', `manifest template placeholder ${whole} has no value`);
    return value;
  });
}

/** The placeholder names a template uses, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}
