import type { FakeDashboard } from './types';

/** A dashboard or folder as Grafana's search answers with it. */
export interface SearchHit {
  id: number;
  uid: string;
  title: string;
  uri: string;
  url: string;
  slug: string;
  type: 'dash-db' | 'dash-folder';
  tags: string[];
  isStarred: boolean;
  folderId?: number;
  folderUid?: string;
  folderTitle?: string;
  folderUrl?: string;
  sortMeta: number;
}

export interface StoredFolder {
  id: number;
  uid: string;
  title: string;
  slug: string;
  url: string;
}

export interface StoredDashboard extends FakeDashboard {
  id: number;
  slug: string;
  url: string;
  folder?: StoredFolder;
}

export interface Catalog {
  dashboards: StoredDashboard[];
  folders: StoredFolder[];
}

/**
 * Grafana's slug: lower case, runs of anything but letters and digits
 * become one dash. (Grafana falls back to a hash for titles without any
 * ASCII letter; fixtures do not need that.)
 */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Grafana requires uids to be unique and at most 40 characters. */
function checkUids(dashboards: FakeDashboard[]) {
  const seen = new Set<string>();
  for (const { uid } of dashboards) {
    if (!/^[\w-]{1,40}$/.test(uid)) {
      throw new Error(
        `Invalid dashboard uid '${uid}': 1-40 letters, digits, _ or -`,
      );
    }
    if (seen.has(uid)) throw new Error(`Duplicate dashboard uid '${uid}'`);
    seen.add(uid);
  }
}

/**
 * Numbers dashboards and the folders they name, as Grafana's database
 * would: dashboards first in the given order, then folders.
 */
export function buildCatalog(dashboards: FakeDashboard[]): Catalog {
  checkUids(dashboards);
  const folders = new Map<string, StoredFolder>();
  const folderTitles = [
    ...new Set(dashboards.flatMap(d => (d.folderTitle ? [d.folderTitle] : []))),
  ];
  folderTitles.forEach((title, index) => {
    const slug = slugify(title);
    // A folder's uid is its slug, unless two titles slug alike.
    const uid = [...folders.values()].some(f => f.uid === slug)
      ? `${slug}-${index}`
      : slug || `folder-${index}`;
    folders.set(title, {
      id: dashboards.length + index + 1,
      uid,
      title,
      slug,
      url: `/dashboards/f/${uid}/${slug}`,
    });
  });
  return {
    dashboards: dashboards.map((dashboard, index) => {
      const slug = slugify(dashboard.title);
      return {
        uid: dashboard.uid,
        title: dashboard.title,
        tags: [...dashboard.tags],
        folderTitle: dashboard.folderTitle,
        id: index + 1,
        slug,
        url: `/d/${dashboard.uid}/${slug}`,
        folder: dashboard.folderTitle
          ? folders.get(dashboard.folderTitle)
          : undefined,
      };
    }),
    folders: [...folders.values()],
  };
}

export function dashboardHit(dashboard: StoredDashboard): SearchHit {
  return {
    id: dashboard.id,
    uid: dashboard.uid,
    title: dashboard.title,
    uri: `db/${dashboard.slug}`,
    url: dashboard.url,
    slug: '',
    type: 'dash-db',
    tags: [...dashboard.tags],
    isStarred: false,
    // Grafana leaves the folder fields out for dashboards in General.
    ...(dashboard.folder
      ? {
          folderId: dashboard.folder.id,
          folderUid: dashboard.folder.uid,
          folderTitle: dashboard.folder.title,
          folderUrl: dashboard.folder.url,
        }
      : {}),
    sortMeta: 0,
  };
}

export function folderHit(folder: StoredFolder): SearchHit {
  return {
    id: folder.id,
    uid: folder.uid,
    title: folder.title,
    uri: `db/${folder.slug}`,
    url: folder.url,
    slug: '',
    type: 'dash-folder',
    tags: [],
    isStarred: false,
    sortMeta: 0,
  };
}
