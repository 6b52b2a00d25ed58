// Lowering-trial cache entries, environment-neutral: the conv forms, one measured entry, and how a stored entry is
// validated (platform/trial_cache.ts applies it to the file on disk).

export const convForms = ['conv2d', 'depthwise', 'direct'] as const;
export type ConvForm = (typeof convForms)[number];

/** One cached measurement: the form chosen and the median ms of each candidate. */
export interface TrialEntry {
  choice: ConvForm;
  ms: Partial<Record<ConvForm, number>>;
}

export interface CacheRead {
  /** Own keys only (a Map), so a key such as "__proto__" is just a key. */
  entries: Map<string, TrialEntry>;
  /** What was wrong with the file, if anything: the caller warns once and rewrites it. */
  problem?: string;
}

/** The candidate forms a key was measured for: the fourth `|` field ("conv2d,depthwise,direct"). */
const keyForms = (key: string): string[] => (key.split('|')[3] ?? '').split(',');

/** Why `value` is not a usable entry for `key`, or undefined. */
export function entryProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not {choice, ms}`;
  const { choice, ms } = value as Record<string, unknown>;
  if (typeof choice !== 'string' || !(convForms as readonly string[]).includes(choice)) return `has choice ${JSON.stringify(choice)}, not one of ${convForms.join(', ')}`;
  if (!keyForms(key).includes(choice)) return `chooses ${choice}, which was not a candidate`;
  if (typeof ms !== 'object' || ms === null || Array.isArray(ms)) return 'has no ms timings object';
  for (const [form, time] of Object.entries(ms)) {
    if (!(convForms as readonly string[]).includes(form)) return `times an unknown form ${JSON.stringify(form)}`;
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return `has a timing for ${form} that is not a finite number of ms`;
  }
  if ((ms as Record<string, unknown>)[choice] === undefined) return `has no timing for its choice ${choice}`;
  return undefined;
}
