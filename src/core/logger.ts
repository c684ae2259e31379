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
