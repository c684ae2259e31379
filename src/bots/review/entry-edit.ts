import { parseDuration, roundMinutes } from '../../core/duration.js';
import { AppError, isAppError, type Problem } from '../../core/errors.js';
import type { Guidelines } from '../../core/guidelines.js';
import { isValidActivityCode, isValidTaskCode } from '../../core/utbms-codes.js';
import type { EntryEdit } from '../../db/repositories/time-entry.repository.js';
import type { ReviewAction } from '../views/actions.js';

export type EditInput = NonNullable<ReviewAction['edit']>;

/** The rules an edit is checked against: those of the client of the matter the entry will have. */
export interface EditRules {
  readonly guidelines: Guidelines;
  /** "Acme Corp", or null while the entry has no matter. */
  readonly clientName: string | null;
  /** The matter typed in the form, already resolved to an open matter (undefined: unchanged). */
  readonly matterId?: number;
}

function codeOf(input: string | undefined, field: string, isValid: (code: string) => boolean, example: string, problems: Problem[]): string | null | undefined {
  if (input === undefined) return undefined;
  const code = input.trim().toUpperCase();
  if (code === '') return null;
  if (!isValid(code)) problems.push({ path: field, message: `"${input.trim()}" is not a UTBMS ${field} (e.g. ${example})` });
  return code;
}

function billedMinutesOf(hours: string | undefined, guidelines: Guidelines, problems: Problem[]): number | undefined {
  if (hours === undefined) return undefined;
  try {
    // What the person typed is the time they worked; what is billed follows the client's increment
    // and rounding rule, exactly as capture rounds drafted time (actual minutes are kept apart).
    return roundMinutes(parseDuration(hours), guidelines.incrementMinutes, guidelines.rounding, guidelines.minimumMinutes);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problems.push({ path: 'hours', message: error.message.replace(/^invalid hours /, '') });
    return undefined;
  }
}

/**
 * Turns what a person typed into the Edit form into an edit of the entry, or throws INVALID_INPUT
 * naming every field that is wrong ("hours: …; narrative: …") so that nothing is written.
 */
export function entryEditOf(input: EditInput, rules: EditRules): EntryEdit {
  const problems: Problem[] = [];
  const { guidelines } = rules;
  let narrative: string | undefined;
  if (input.narrative !== undefined) {
    narrative = input.narrative.trim();
    const length = Array.from(narrative).length;
    if (narrative === '') problems.push({ path: 'narrative', message: 'say what was done; it cannot be empty' });
    else if (length > guidelines.maxDescriptionLength) {
      const whose = rules.clientName === null ? '' : ` for ${rules.clientName}`;
      problems.push({ path: 'narrative', message: `at most ${String(guidelines.maxDescriptionLength)} characters${whose} (this one has ${String(length)})` });
    }
  }
  const billedMinutes = billedMinutesOf(input.hours, guidelines, problems);
  const taskCode = codeOf(input.taskCode, 'task code', isValidTaskCode, 'L120', problems);
  const activityCode = codeOf(input.activityCode, 'activity code', isValidActivityCode, 'A106', problems);
  if (taskCode === null && guidelines.requireTaskCodes) {
    problems.push({ path: 'task code', message: `${rules.clientName ?? 'this client'} requires a task code` });
  }
  const edit: EntryEdit = {
    ...(narrative !== undefined ? { narrative } : {}),
    ...(billedMinutes !== undefined ? { billedMinutes } : {}),
    ...(rules.matterId !== undefined ? { matterId: rules.matterId } : {}),
    ...(taskCode !== undefined ? { taskCode } : {}),
    ...(activityCode !== undefined ? { activityCode } : {}),
  };
  if (problems.length === 0 && Object.keys(edit).length === 0) problems.push({ path: 'edit', message: 'nothing to change' });
  if (problems.length > 0) throw new AppError('INVALID_INPUT', problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return edit;
}
