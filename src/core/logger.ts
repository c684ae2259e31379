/**
 * The logging calls Tally makes, so services take a logger without knowing pino.
 * Log ids and hashes only: never narratives, subjects or titles (they are privileged).
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** What may be logged about a failure: its class and code, never its message (it may quote input). */
export function errorFields(error: unknown): { readonly error: string; readonly code?: string } {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? { error: error.name, code: String(code) } : { error: error.name };
}
