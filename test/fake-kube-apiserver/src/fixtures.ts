import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './types';

// This package is never built: it always runs from source, so the fixtures
// directory sits next to this file.
// eslint-disable-next-line no-restricted-syntax
const FIXTURES_DIR = join(__dirname, 'fixtures');

/** The clusters under src/fixtures, by file name. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter(file => file.endsWith('.yaml'))
    .map(file => file.slice(0, -'.yaml'.length))
    .sort();
}

/** The objects of one fixture cluster, read from src/fixtures/<name>.yaml. */
export function loadFixture(name: string): KubeObject[] {
  const names = fixtureNames();
  if (!names.includes(name)) {
    throw new Error(
      `No fixture cluster '${name}'; available: ${names.join(', ')}`,
    );
  }
  const file = join(FIXTURES_DIR, `${name}.yaml`);
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors[0].message}`);
    }
    const object = document.toJS();
    if (object !== null && object !== undefined) {
      objects.push(object as KubeObject);
    }
  }
  return objects;
}
