import type { z } from 'zod';
import type { Problem } from '../core/errors.js';
import { closestMatch } from '../core/suggest.js';

/** Formats a path like `matters[3].client` from zod's path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out || '(file)';
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Turns zod issues into problems a person can fix, with "did you mean" for misspelt keys. */
export function problemsFromZod(error: z.ZodError, schema: z.ZodType): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const guess = closestMatch(key, known);
        problems.push({ path: formatPath([...issue.path, key]), message: `unknown key "${key}"${guess ? ` (did you mean ${guess}?)` : ''}` });
      }
    } else if (issue.code === 'invalid_type') {
      const given = issue.input === undefined || issue.input === null;
      problems.push({ path, message: given ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}` });
    } else if (issue.code === 'invalid_value') {
      problems.push({ path, message: `must be one of ${issue.values.map(String).join(', ')}` });
    } else if (issue.code === 'invalid_union') {
      problems.push({ path, message: unionMessage(issue) });
    } else {
      problems.push({ path, message: issue.message });
    }
  }
  return problems;
}

/** A union (amount or list of dated amounts) failed: report the most specific branch's reason. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const inner = issue.errors.flat().find((i) => i.code === 'custom');
  return inner?.message ?? 'has the wrong form';
}

/** The keys a strict object at this path accepts, found by walking the schema. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const segment of path) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (typeof segment === 'number' && def?.type === 'array') node = def.element;
    else if (typeof segment === 'string' && def?.type === 'object' && def.shape) node = def.shape[segment];
    else return [];
  }
  const def = (unwrap(node) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(node: unknown): unknown {
  let current = node as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined;
  while (current?.def && ['optional', 'nullable', 'default', 'pipe'].includes(current.def.type ?? '')) {
    current = (current.def.innerType ?? current.def.in) as typeof current;
  }
  return current;
}
