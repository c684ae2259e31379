/** UTBMS litigation task codes (leaf codes only: the only ones allowed on a LEDES line), with their names. */
export const TASK_CODE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  L110: 'Fact Investigation/Development',
  L120: 'Analysis/Strategy',
  L130: 'Experts/Consultants',
  L140: 'Document/File Management',
  L150: 'Budgeting',
  L160: 'Settlement/Non-Binding ADR',
  L190: 'Other Case Assessment, Development and Administration',
  L210: 'Pleadings',
  L220: 'Preliminary Injunctions/Provisional Remedies',
  L230: 'Court Mandated Conferences',
  L240: 'Dispositive Motions',
  L250: 'Other Written Motions and Submissions',
  L260: 'Class Action Certification and Notice',
  L310: 'Written Discovery',
  L320: 'Document Production',
  L330: 'Depositions',
  L340: 'Expert Discovery',
  L350: 'Discovery Motions',
  L390: 'Other Discovery',
  L410: 'Fact Witnesses',
  L420: 'Expert Witnesses',
  L430: 'Written Motions and Submissions',
  L440: 'Other Trial Preparation and Support',
  L450: 'Trial and Hearing Attendance',
  L460: 'Post-Trial Motions and Submissions',
  L470: 'Enforcement',
  L510: 'Appellate Motions and Submissions',
  L520: 'Appellate Briefs',
  L530: 'Oral Argument',
});

/** UTBMS activity codes A101–A111 with their names. */
export const ACTIVITY_CODE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  A101: 'Plan and prepare for',
  A102: 'Research',
  A103: 'Draft/revise',
  A104: 'Review/analyze',
  A105: 'Communicate (in firm)',
  A106: 'Communicate (with client)',
  A107: 'Communicate (other outside counsel)',
  A108: 'Communicate (other external)',
  A109: 'Appear for/attend',
  A110: 'Manage data/files',
  A111: 'Other',
});

/** Every valid task code, in code order. */
export const TASK_CODES: readonly string[] = Object.freeze(Object.keys(TASK_CODE_NAMES));
/** Every valid activity code, in code order. */
export const ACTIVITY_CODES: readonly string[] = Object.freeze(Object.keys(ACTIVITY_CODE_NAMES));

/** True only for a leaf UTBMS litigation task code written exactly ("L330"; not "l330", "L300" or " L330"). */
export function isValidTaskCode(code: string): boolean {
  return Object.hasOwn(TASK_CODE_NAMES, code);
}

/** True only for an activity code A101–A111 written exactly. */
export function isValidActivityCode(code: string): boolean {
  return Object.hasOwn(ACTIVITY_CODE_NAMES, code);
}
