import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXAMPLE_REGISTRY_HOST,
  exampleImages,
  exampleImagesDay,
  exampleRunningDigests,
} from '@internal/oci-registry-testkit';
import { parse, parseAllDocuments } from 'yaml';
import { fixtureNames, loadFixture } from './fixtures';
import { pinImageDigests } from './pinImageDigests';

// The example portal is app-config.yaml + examples/estate + these fixtures +
// the example registry; they must agree, or every registry read of the
// portal reports a missing repository or a false drift.
// eslint-disable-next-line no-restricted-syntax
const ROOT = join(__dirname, '..', '..', '..');

/** The repository patterns the example app-config lets the backend fetch. */
function allowedRepositories(): RegExp[] {
  const config = parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'));
  const registry = config.runtimeStack.images.registries.find(
    (r: { host: string }) => r.host === EXAMPLE_REGISTRY_HOST,
  );
  return (registry.repositories as string[]).map(
    pattern => new RegExp(`^${pattern.replace(/\*/g, '[^/]+')}$`),
  );
}

const underAllowList = (repository: string) =>
  allowedRepositories().some(pattern => pattern.test(repository));

function runningImages(): Array<{ image: string; imageID: string }> {
  const digests = exampleRunningDigests(exampleImagesDay('2026-12-04'));
  return fixtureNames().flatMap(name =>
    pinImageDigests(loadFixture(name), digests)
      .filter(object => object.kind === 'Pod')
      .flatMap(
        object =>
          ((object.status as any)?.containerStatuses ?? []) as Array<{
            image: string;
            imageID: string;
          }>,
      ),
  );
}

const repositoryOf = (image: string) =>
  image.slice(EXAMPLE_REGISTRY_HOST.length + 1).split(/[:@]/)[0];

/** Whether the example backend fetches this image from the registry. */
const fetched = (image: string) =>
  image.startsWith(`${EXAMPLE_REGISTRY_HOST}/`) &&
  underAllowList(repositoryOf(image));

function declaredImages(): string[] {
  return parseAllDocuments(
    readFileSync(join(ROOT, 'examples', 'estate', 'components.yaml'), 'utf8'),
  )
    .map(document => document.toJS())
    .flatMap(
      entity =>
        (entity?.metadata?.annotations?.['runtime-stack.io/images'] ?? '')
          .split(',')
          .filter(Boolean) as string[],
    );
}

describe('the example estate and the example registry', () => {
  const registryRepositories = new Set(
    exampleImages(exampleImagesDay('2026-12-04')).map(i => i.repository),
  );

  it.each([
    ['the fixture clusters run', () => runningImages().map(i => i.image)],
    ['the catalog declares', declaredImages],
  ])('holds every repository %s from it', (_, images) => {
    const repositories = images().filter(fetched).map(repositoryOf);
    expect(repositories.length).toBeGreaterThan(0);
    expect(repositories.filter(r => !registryRepositories.has(r))).toEqual([]);
  });

  it('runs only tags the registry holds, at the digests it pins', () => {
    const pushed = new Map(
      exampleImages(exampleImagesDay('2026-12-04')).flatMap(image =>
        image.tags.map(tag => [`${image.repository}:${tag}`, image]),
      ),
    );
    const running = runningImages().filter(({ image }) => fetched(image));
    // Every running tag is in the registry and every imageID was pinned.
    for (const { image, imageID } of running) {
      expect(pushed.has(image.slice(EXAMPLE_REGISTRY_HOST.length + 1))).toBe(
        true,
      );
      expect(imageID).toMatch(
        new RegExp(`^${EXAMPLE_REGISTRY_HOST}/${repositoryOf(image)}@sha256:`),
      );
    }
  });
});
