/** "1 service", "2 services": a count with its noun, English plural by "s". */
export const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;
