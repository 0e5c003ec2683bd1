/** Milliseconds in a day, for ages and windows counted in days. */
export const MS_PER_DAY = 86_400_000;

/** The moment `days` days after `date` (before it, for a negative count). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}
