import { replaceQuoted } from './annotationText';
import type { DeclaredStackProblem } from './declaredStack';

/** The most problems reported for one annotation before the rest are counted. */
export const MAX_PROBLEMS_PER_ANNOTATION = 20;

/** The longest quoted value a message keeps whole. */
const MAX_QUOTED_LENGTH = 100;

/**
 * A message never grows past this, whatever it quotes: a safeguard for the
 * quotes `shortenQuotes` cannot pair.
 */
const MAX_MESSAGE_LENGTH = 1000;

const ELLIPSIS = '…';

const shorten = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}${ELLIPSIS}` : text;

/**
 * Shortens every quoted value longer than `MAX_QUOTED_LENGTH`. Messages are
 * shortened as a whole, rather than each value where it is quoted, because
 * some come from `parseDeclaredTools` and `findUnknownDeclaredTools`, which
 * quote whole entries.
 */
function shortenQuotes(message: string): string {
  const quotes = replaceQuoted(message, value =>
    shorten(value, MAX_QUOTED_LENGTH),
  );
  return shorten(quotes, MAX_MESSAGE_LENGTH);
}

/** The problem that stands for those an annotation has but does not list. */
const moreProblems = (count: number, annotation: string) =>
  `${ELLIPSIS}and ${count} more problem${
    count === 1 ? '' : 's'
  } in ${annotation}`;

/**
 * Collects the problems of one entity's annotations, each once, and at most
 * `MAX_PROBLEMS_PER_ANNOTATION` for one annotation followed by how many more
 * there are. An annotation can hold thousands of entries and megabytes of
 * text, and its problems are stored on the entity and logged: they must stay
 * small and fast to collect whatever the value.
 */
export class DeclaredStackProblems {
  private readonly listed: DeclaredStackProblem[] = [];
  private readonly seen = new Map<string, Set<string>>();

  /** A reporter for one annotation's problems. */
  reportFor(annotation: string): (message: string) => void {
    return message => this.report(annotation, message);
  }

  report(annotation: string, message: string): void {
    const short = shortenQuotes(message);
    let seen = this.seen.get(annotation);
    if (!seen) {
      seen = new Set();
      this.seen.set(annotation, seen);
    }
    // One mistake written twice (`x=y,x=y`, the same bad image listed twice)
    // is one thing to fix, so it is reported and counted once. Compared as
    // shortened: two that read the same are not told apart.
    if (seen.has(short)) return;
    seen.add(short);
    if (seen.size <= MAX_PROBLEMS_PER_ANNOTATION) {
      this.listed.push({ annotation, message: short });
    }
  }

  /**
   * The problems, in the order they were first reported, each annotation's
   * count of those left out after its last one listed.
   */
  toList(): DeclaredStackProblem[] {
    const problems: DeclaredStackProblem[] = [];
    const listedOf = new Map<string, number>();
    for (const problem of this.listed) {
      problems.push(problem);
      const listed = (listedOf.get(problem.annotation) ?? 0) + 1;
      listedOf.set(problem.annotation, listed);
      const more = this.seen.get(problem.annotation)!.size - listed;
      if (listed === MAX_PROBLEMS_PER_ANNOTATION && more > 0) {
        problems.push({
          annotation: problem.annotation,
          message: moreProblems(more, problem.annotation),
        });
      }
    }
    return problems;
  }
}
