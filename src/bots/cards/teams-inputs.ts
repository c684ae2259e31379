/**
 * Input ids on Teams cards. Every input of a card shares one namespace (a ShowCard's Execute also
 * gathers its parents' inputs), so each id names its entry or invoice.
 */
export type EditField = 'narrative' | 'hours' | 'matter' | 'taskCode' | 'activityCode';

/** The Edit form's input of one entry. */
export function editInputId(entryId: string, field: EditField): string {
  return `edit.${entryId}.${field}`;
}

/** The Change matter choice of one entry. */
export function changeMatterInputId(entryId: string): string {
  return `change.${entryId}.matter`;
}

/** The Write down… form's inputs of one invoice. */
export function writeDownInputId(invoiceId: string, field: 'amount' | 'reason'): string {
  return `writedown.${invoiceId}.${field}`;
}

/** The Add time form's inputs (one per card). */
export const ADD_TIME_INPUTS = { hours: 'addtime.hours', matter: 'addtime.matter', narrative: 'addtime.narrative' } as const;
