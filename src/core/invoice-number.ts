import { AppError } from './errors.js';

const TOKEN = /\{(YYYY|YY|MM|seq(?::(\d))?)\}/g;

/**
 * Which sequence a number comes from: numbers restart each year when the format shows the year
 * ("{YYYY}-{seq:4}"), each month when it shows the month too, and never otherwise.
 */
export function sequenceScope(format: string, issueDate: string): string {
  const year = issueDate.slice(0, 4);
  if (format.includes('{MM}') && (format.includes('{YYYY}') || format.includes('{YY}'))) return `${year}-${issueDate.slice(5, 7)}`;
  if (format.includes('{YYYY}') || format.includes('{YY}')) return year;
  return 'all';
}

/** Formats an invoice number: "{YYYY}-{seq:4}" with 42 on 2026-03-31 → "2026-0042". */
export function formatInvoiceNumber(format: string, seq: number, issueDate: string): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new AppError('INTERNAL', `invalid invoice sequence ${seq}`);
  if (!/\{seq(?::\d)?\}/.test(format)) throw new AppError('INVALID_CONFIG', `invoice number format "${format}" has no {seq}`);
  return format.replace(TOKEN, (_all, token: string, width?: string) => {
    if (token === 'YYYY') return issueDate.slice(0, 4);
    if (token === 'YY') return issueDate.slice(2, 4);
    if (token === 'MM') return issueDate.slice(5, 7);
    return String(seq).padStart(width ? Number(width) : 1, '0');
  });
}
