/**
 * A phrase as a sentence of its own: capitalised, ending in a full stop
 * unless it already ends in punctuation. For hints and reasons written as
 * phrases, shown one after another.
 *
 * @public
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capitalised = `${trimmed
    .charAt(0)
    .toLocaleUpperCase('en-US')}${trimmed.slice(1)}`;
  return /[.!?:;]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
