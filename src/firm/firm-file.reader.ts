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
  return doc.toJS() as unknown;
}
