import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { AppError } from '../core/errors.js';

/**
 * Reads a firm file as YAML or JSON (by extension; YAML otherwise, which also reads JSON).
 * A missing file or a syntax error is a user error that names the file and the line.
 */
export async function readFirmFile(path: string): Promise<unknown> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    throw new AppError('INVALID_INPUT', `${path}: ${reason}`, { cause });
  }
  return parseFirmText(content, path);
}

/** Parses firm file text; `name` is used in messages and to choose JSON by its extension. */
export function parseFirmText(content: string, name: string): unknown {
  const parsed = parseText(content, name);
  const where = unstorableAt(parsed, '');
  if (where !== null) throw new AppError('INVALID_INPUT', `${name}: ${where || '(file)'} holds a character Tally cannot store (NUL, or half of a surrogate pair)`);
  return parsed;
}

function parseText(content: string, name: string): unknown {
  if (extname(name).toLowerCase() === '.json') {
    try {
      return JSON.parse(content) as unknown;
    } catch (cause) {
      throw new AppError('INVALID_INPUT', `${name}: not valid JSON (${(cause as Error).message})`, { cause });
    }
  }
  const doc = parseDocument(content, { uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new AppError('INVALID_INPUT', `${name}: not valid YAML${where}: ${reason}`, { cause: first });
  }
  try {
    return doc.toJS() as unknown;
  } catch (cause) {
    // An alias bomb ("Excessive alias count …") is refused while the document is built.
    throw new AppError('INVALID_INPUT', `${name}: not valid YAML: ${(cause as Error).message}`, { cause });
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path ("users[2].name") of the first key or text PostgreSQL cannot hold (NUL, half a surrogate pair), or null. */
function unstorableAt(value: unknown, path: string): string | null {
  const bad = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);
  if (typeof value === 'string') return bad(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableAt(item, `${path}[${String(i)}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (bad(key)) return at;
    const found = unstorableAt(item, at);
    if (found !== null) return found;
  }
  return null;
}
