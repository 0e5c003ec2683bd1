import { InputError } from '@backstage/errors';
import { formatImageReference, parseImageReference } from './imageReference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    [
      'nginx:1.25',
      { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' },
    ],
    [
      'bitnami/redis:7',
      { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' },
    ],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    [
      'index.docker.io/library/nginx:latest',
      { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' },
    ],
    [
      'localhost:5000/a/b:1',
      { registry: 'localhost:5000', repository: 'a/b', tag: '1' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    [
      '127.0.0.1:5000/team/app',
      { registry: '127.0.0.1:5000', repository: 'team/app' },
    ],
    [
      `registry.example.com/team/app@${DIGEST}`,
      {
        registry: 'registry.example.com',
        repository: 'team/app',
        digest: DIGEST,
      },
    ],
    [
      `registry.example.com:443/app:1.2.3@${DIGEST}`,
      {
        registry: 'registry.example.com:443',
        repository: 'app',
        tag: '1.2.3',
        digest: DIGEST,
      },
    ],
    [
      'ghcr.io/org/a/b/c:v1.0.0-rc.1',
      { registry: 'ghcr.io', repository: 'org/a/b/c', tag: 'v1.0.0-rc.1' },
    ],
    [
      'my_reg/some-app__x.y:TAG_1',
      {
        registry: 'docker.io',
        repository: 'my_reg/some-app__x.y',
        tag: 'TAG_1',
      },
    ],
  ])('parses %s', (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });

  it('reads host:port without a tag as a registry, not a tag', () => {
    expect(parseImageReference('registry.example.com:5000/app')).toEqual({
      registry: 'registry.example.com:5000',
      repository: 'app',
    });
  });

  it.each([
    ['', /it is empty/],
    ['Nginx', /must be lower-case/],
    ['registry.example.com/Team/app', /must be lower-case/],
    ['nginx@sha256:abc', /64 lower-case hex digits/],
    [`nginx@sha256:${'A'.repeat(64)}`, /64 lower-case hex digits/],
    [`nginx@md5:${'a'.repeat(32)}`, /must be sha256/],
    ['nginx:-bad', /tag '-bad'/],
    [`nginx:${'x'.repeat(129)}`, /tag/],
    ['a//b', /empty path component/],
    ['team/app-', /repository component 'app-'/],
    ['registry.example.com/', /the repository is empty/],
    ['-bad.example.com/app', /not a valid registry/],
    ['nginx latest', /whitespace/],
    ['a'.repeat(64).replace(/a/g, 'f'), /image id/],
  ])('rejects %s', (reference, why) => {
    let error: unknown;
    try {
      parseImageReference(reference);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toContain(
      `Invalid image reference '${reference}'`,
    );
  });

  it('treats an upper-case first component as a registry, as distribution does', () => {
    expect(parseImageReference('MyRegistry/app')).toEqual({
      registry: 'MyRegistry',
      repository: 'app',
    });
  });

  it('rejects names longer than 255 characters', () => {
    expect(() => parseImageReference(`a/${'b'.repeat(260)}`)).toThrow(
      /longer than 255/,
    );
  });
});

describe('formatImageReference', () => {
  it('writes the fully qualified form and round-trips', () => {
    for (const reference of [
      'docker.io/library/nginx:1.25',
      'localhost:5000/a/b',
      `registry.example.com/team/app:1.0@${DIGEST}`,
    ]) {
      expect(formatImageReference(parseImageReference(reference))).toBe(
        reference,
      );
    }
    expect(formatImageReference(parseImageReference('nginx'))).toBe(
      'docker.io/library/nginx',
    );
  });
});
