import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Characters of a sort text kept: at most 1,020 bytes in UTF-8, which
 * PostgreSQL's index of it and the entity ref (2,704 bytes at most) always
 * takes, and more than any name needs to be ordered by.
 */
export const MAX_SORT_TEXT = 255;

/**
 * What the services table orders a shown name by: lowercased by JavaScript
 * (SQLite's lower() folds ASCII letters only) and without accents, so
 * "Über" sorts with the u's, not after "z", where both databases compare
 * bytes (SQLite always, PostgreSQL under the C collation). The migration
 * that added the sort columns computes it alike.
 */
export function sortTextOf(shown: string): string {
  return Array.from(
    shown
      .trim()
      .toLocaleLowerCase('en-US')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, ''),
  )
    .slice(0, MAX_SORT_TEXT)
    .join('');
}

/** The name in an entity ref, `payments-api` of `component:default/payments-api`. */
export const nameOfRef = (ref: string) => ref.slice(ref.indexOf('/') + 1);

/** A service as the table shows it: its title, else its name. */
export const serviceSortTextOf = (entityRef: string, title?: string | null) =>
  sortTextOf(title?.trim() ? title : nameOfRef(entityRef));

/**
 * An owner as the table shows it: the group's shown name, as the last
 * evaluation read the catalog, else the name in its ref (an owner the
 * catalog has no Group of, a User for one).
 */
export const ownerSortTextOf = (
  ownerRef: string | undefined | null,
  groupSortTexts: ReadonlyMap<string, string>,
): string | null =>
  ownerRef
    ? groupSortTexts.get(ownerRef) ?? sortTextOf(nameOfRef(ownerRef))
    : null;

/** A Group's row of `team_sort_names`. */
export interface TeamSortName {
  team_ref: string;
  sort_name: string;
}

const nonBlank = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

/**
 * The sort text of each Group under the name the catalog shows it by: its
 * profile's display name, else its title, else its name.
 */
export function teamSortNames(groups: Entity[]): TeamSortName[] {
  const byRef = new Map<string, string>();
  for (const group of groups) {
    const profile = (group.spec as { profile?: { displayName?: unknown } })
      ?.profile;
    const shown =
      nonBlank(profile?.displayName) ??
      nonBlank(group.metadata.title) ??
      group.metadata.name;
    byRef.set(stringifyEntityRef(group), sortTextOf(shown));
  }
  return [...byRef].map(([team_ref, sort_name]) => ({ team_ref, sort_name }));
}
