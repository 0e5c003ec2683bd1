import type { RuntimeStackT } from '../../translation';

/** A duration in seconds the way people say it: 45 s, 12 min, 3 h, 2 days. */
export function formatAge(t: RuntimeStackT, seconds: number): string {
  if (seconds < 90) {
    return t('age.seconds', { value: Math.max(0, Math.round(seconds)) });
  }
  const minutes = seconds / 60;
  if (minutes < 90) return t('age.minutes', { value: Math.round(minutes) });
  const hours = minutes / 60;
  if (hours < 36) return t('age.hours', { value: Math.round(hours) });
  return t('age.days', { count: Math.round(hours / 24) });
}
