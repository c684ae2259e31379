/** Words that start a billable task, each mapped to one task so "confer" and "conference" count once. */
const TASK_VERBS: Readonly<Record<string, string>> = {
  draft: 'draft', drafted: 'draft', drafting: 'draft', prepare: 'draft', prepared: 'draft', preparation: 'draft',
  revise: 'revise', revised: 'revise', revision: 'revise', revisions: 'revise', edit: 'revise', edited: 'revise', finalize: 'revise', finalized: 'revise',
  review: 'review', reviewed: 'review', reviewing: 'review', analyze: 'review', analyzed: 'review', analyse: 'review', analysis: 'review', annotate: 'review',
  research: 'research', researched: 'research',
  conference: 'confer', confer: 'confer', conferred: 'confer', meeting: 'confer', meet: 'confer', met: 'confer',
  call: 'call', called: 'call', telephone: 'call', phone: 'call',
  correspondence: 'correspond', correspond: 'correspond', email: 'correspond', emailed: 'correspond', emails: 'correspond', letter: 'correspond', write: 'correspond',
  discussion: 'discuss', discuss: 'discuss', discussed: 'discuss',
  attend: 'attend', attended: 'attend', appear: 'attend', appeared: 'attend',
  negotiate: 'negotiate', negotiated: 'negotiate', negotiation: 'negotiate', negotiations: 'negotiate',
  travel: 'travel', traveled: 'travel', travelled: 'travel',
  summarize: 'summarize', summarized: 'summarize', outline: 'outline', outlined: 'outline',
  file: 'file', filed: 'file', serve: 'serve', served: 'serve',
  investigate: 'investigate', investigated: 'investigate', interview: 'interview', interviewed: 'interview',
  argue: 'argue', argued: 'argue', depose: 'depose', defend: 'defend', take: 'take', study: 'review',
};
// Words that may stand before the verb ("internal conference", "further review") or after it without
// being its object ("prepare for and attend"): a clause made only of these is half of a compound verb.
const MODIFIERS = new Set(['internal', 'further', 'continued', 'additional', 'initial', 'detailed', 'telephone']);
const LINKS = new Set(['for', 'to', 'with', 'on', 'in', 'at', 'of']);

/** The task a clause starts with, or null; null too when it holds nothing but the verb ("Draft" in "Draft and revise"). */
function clauseTask(clause: string): string | null {
  const tokens = clause.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter((token) => token !== '');
  let index = 0;
  while (index < tokens.length - 1 && MODIFIERS.has(tokens[index] ?? '') && TASK_VERBS[tokens[index + 1] ?? ''] !== undefined) index += 1;
  const task = TASK_VERBS[tokens[index] ?? ''];
  if (task === undefined) return null;
  const rest = tokens.slice(index + 1).filter((token) => !LINKS.has(token));
  return rest.length === 0 ? null : task;
}

/**
 * The distinct tasks a narrative lists in separate clauses (split at ";", ", " and " and "): two or more
 * is block billing. "Draft and revise motion" and "Prepare for and attend hearing" are one task each;
 * "Review documents; draft memo" is two. Same-task clauses ("review A and review B") count once.
 */
export function distinctTasks(narrative: string): string[] {
  const clauses = narrative.split(/;|,\s|\s+and\s+|\s+&\s+/i);
  const tasks = new Set<string>();
  for (const clause of clauses) {
    const task = clauseTask(clause);
    if (task !== null) tasks.add(task);
  }
  return [...tasks];
}
