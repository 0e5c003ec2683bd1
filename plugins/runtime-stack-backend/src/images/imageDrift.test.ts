import { imageDrift } from './imageDrift';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const now = new Date('2026-11-23T12:00:00Z');
const tags = [
  { tag: '1.14.1', digest: digest('a'), created: '2026-09-01T00:00:00Z' },
  { tag: '1.14.2', digest: digest('b'), created: '2026-10-01T00:00:00Z' },
  { tag: '1.15.0', digest: digest('c'), created: '2026-11-01T00:00:00Z' },
  { tag: 'latest', digest: digest('c'), created: '2026-11-01T00:00:00Z' },
];
const pod = (d?: string) => ({
  cluster: 'prod-eu-1',
  pod: 'api-1',
  ...(d ? { digest: d } : {}),
});

describe('imageDrift', () => {
  it('finds nothing for the newest tag running its current digest', () => {
    expect(
      imageDrift({
        tag: '1.15.0',
        running: [pod(digest('c'))],
        tags,
        maxAgeDays: 90,
        now,
      }),
    ).toEqual([]);
  });

  it('sees a tag that moved away from what runs, naming the pods', () => {
    const [mismatch] = imageDrift({
      tag: '1.15.0',
      running: [pod(digest('9'))],
      tags,
      maxAgeDays: 90,
      now,
    });
    expect(mismatch.kind).toBe('digest-mismatch');
    expect(mismatch.evidence).toEqual([
      `prod-eu-1: pod api-1 runs ${digest('9')}`,
    ]);
    expect(mismatch.message).toBe(
      'Tag 1.15.0 now points to sha256:cccccccccccc…, but 1 pod runs another digest',
    );
    expect(mismatch.facts).toEqual({
      tag: '1.15.0',
      tagDigest: digest('c'),
      pods: 1,
    });
    const [two] = imageDrift({
      tag: '1.15.0',
      running: [pod(digest('9')), { ...pod(digest('8')), pod: 'api-2' }],
      tags,
      maxAgeDays: 90,
      now,
    });
    expect(two.message).toMatch(/, but 2 pods run another digest$/);
  });

  it('counts pods, not containers: an init container of the same image is the same pod', () => {
    const inPod = (name: string, d: string) => ({
      cluster: 'prod-eu-1',
      namespace: 'payments',
      pod: name,
      digest: d,
    });
    const [mismatch] = imageDrift({
      tag: '1.15.0',
      // The app and its migration init container, in each of two pods.
      running: [
        inPod('api-1', digest('9')),
        inPod('api-1', digest('9')),
        inPod('api-2', digest('9')),
        inPod('api-2', digest('9')),
      ],
      tags,
      maxAgeDays: 90,
      now,
    });
    expect(mismatch.facts?.pods).toBe(2);
    expect(mismatch.evidence).toEqual([
      `prod-eu-1: pod payments/api-1 runs ${digest('9')}`,
      `prod-eu-1: pod payments/api-2 runs ${digest('9')}`,
    ]);
  });

  it('reports a newer version with its digest and build date', () => {
    const drift = imageDrift({
      tag: '1.14.2',
      running: [pod(digest('b'))],
      tags,
      maxAgeDays: 90,
      now,
    });
    expect(drift).toEqual([
      expect.objectContaining({
        kind: 'newer-tag',
        message: 'A newer version is in the registry: 1.15.0',
        evidence: [`1.15.0 → ${digest('c')}, built 2026-11-01T00:00:00Z`],
        facts: { tag: '1.14.2', newest: '1.15.0' },
      }),
    ]);
  });

  it('advises no other variant, nor a pre-release to who runs a release', () => {
    const newerOf = (tag: string, listed: string[]) =>
      imageDrift({
        tag,
        running: [pod(digest('b'))],
        tags: listed.map(t => ({ tag: t, digest: digest('b') })),
        maxAgeDays: 90,
        now,
      })
        .filter(d => d.kind === 'newer-tag')
        .map(d => d.facts?.newest);
    expect(newerOf('1.27.3-alpine', ['1.27.3-alpine', '1.27.3'])).toEqual([]);
    expect(newerOf('1.2.3', ['1.2.3', '1.3.0-rc.1'])).toEqual([]);
    expect(newerOf('16.4-alpine', ['16.4-alpine', '17.2'])).toEqual([]);
    expect(
      newerOf('16.4-alpine', ['16.4-alpine', '17.2', '16.6-alpine']),
    ).toEqual(['16.6-alpine']);
    expect(newerOf('1.3.0-rc.1', ['1.3.0-rc.1', '1.3.0-rc.2'])).toEqual([
      '1.3.0-rc.2',
    ]);
  });

  it('flags latest and untagged images, but not an image pinned by digest', () => {
    expect(
      imageDrift({
        tag: 'latest',
        running: [pod()],
        tags,
        maxAgeDays: 90,
        now,
      }).map(d => d.kind),
    ).toEqual(['floating-tag']);
    expect(
      imageDrift({ running: [pod()], maxAgeDays: 90, now })[0],
    ).toMatchObject({
      message: 'Runs an image without a tag, which means latest',
      facts: {},
    });
    expect(
      imageDrift({ tag: 'latest', running: [pod()], maxAgeDays: 90, now })[0]
        .message,
    ).toBe("Runs the 'latest' tag: what runs changes with every push");
    expect(
      imageDrift({
        pinnedDigest: digest('a'),
        running: [pod()],
        maxAgeDays: 90,
        now,
      }),
    ).toEqual([]);
  });

  it('does not call a declared repository floating: nothing runs it', () => {
    expect(imageDrift({ running: [], maxAgeDays: 90, now })).toEqual([]);
  });

  it('flags a build older than the allowed age', () => {
    const drift = imageDrift({
      tag: '1.14.1',
      running: [pod(digest('a'))],
      tags,
      maxAgeDays: 30,
      now,
    });
    expect(drift.map(d => d.kind)).toEqual(['newer-tag', 'too-old']);
    expect(drift[1].message).toBe(
      'Built 83 days ago, more than the 30 days allowed',
    );
    expect(drift[1].facts).toEqual({
      tag: '1.14.1',
      ageDays: 83,
      maxAgeDays: 30,
    });
    expect(
      imageDrift({
        tag: '1.15.0',
        running: [pod(digest('c'))],
        tags,
        maxAgeDays: 0,
        now: new Date('2026-11-02T12:00:00Z'),
      })[0].message,
    ).toBe('Built 1 day ago, more than the 0 days allowed');
  });

  describe('of an image pinned by digest alone', () => {
    const pinnedPod = { ...pod(), namespace: 'payments' };

    it('judges it by the tag that points to its digest, and ages it by its own build', () => {
      const drift = imageDrift({
        pinnedDigest: digest('b'),
        pinned: { digest: digest('b'), created: '2026-08-01T00:00:00Z' },
        running: [pinnedPod],
        tags,
        maxAgeDays: 90,
        now,
      });
      expect(drift).toEqual([
        expect.objectContaining({
          kind: 'newer-tag',
          facts: { tag: '1.14.2', newest: '1.15.0' },
        }),
        expect.objectContaining({
          kind: 'too-old',
          evidence: [`${digest('b')} created 2026-08-01T00:00:00Z`],
          facts: { tag: '1.14.2', ageDays: 114, maxAgeDays: 90 },
        }),
      ]);
    });

    it('prefers the most specific version among the tags that point to it', () => {
      const drift = imageDrift({
        pinnedDigest: digest('d'),
        pinned: { digest: digest('d') },
        running: [pinnedPod],
        tags: [
          ...tags,
          { tag: 'latest', digest: digest('d') },
          { tag: '1', digest: digest('d') },
          { tag: '1.13.9', digest: digest('d') },
          { tag: '1.13', digest: digest('d') },
        ],
        maxAgeDays: 90,
        now,
      });
      expect(drift.map(d => d.facts)).toEqual([
        { tag: '1.13.9', newest: '1.15.0' },
      ]);
    });

    it('says so when no tag points to it, naming the tag its version label names', () => {
      const [moved, newer] = imageDrift({
        pinnedDigest: digest('9'),
        pinned: { digest: digest('9'), version: 'v1.14.2' },
        running: [pinnedPod, { ...pinnedPod, pod: 'api-2' }],
        tags,
        maxAgeDays: 90,
        now,
      });
      expect(moved).toEqual({
        kind: 'digest-mismatch',
        message:
          'Tag 1.14.2 now points to sha256:bbbbbbbbbbbb…, but 2 pods run another digest',
        evidence: [
          `No tag points to ${digest('9')}`,
          `Its version label names 1.14.2, which points to ${digest('b')}`,
          'prod-eu-1: pod payments/api-1',
          'prod-eu-1: pod payments/api-2',
        ],
        facts: { tag: '1.14.2', tagDigest: digest('b'), pods: 2 },
      });
      // The release it was is what a newer one is judged against.
      expect(newer.facts).toEqual({ tag: '1.14.2', newest: '1.15.0' });
    });

    it('says so when no tag points to it and nothing names one, or the registry lacks it', () => {
      expect(
        imageDrift({
          pinnedDigest: digest('9'),
          pinned: { digest: digest('9'), created: '2026-11-20T00:00:00Z' },
          running: [pinnedPod],
          tags,
          maxAgeDays: 90,
          now,
        }),
      ).toEqual([
        {
          kind: 'digest-mismatch',
          message: 'No tag in the registry points to the pinned digest',
          evidence: [
            `No tag points to ${digest('9')}`,
            'prod-eu-1: pod payments/api-1',
          ],
          facts: { pods: 1 },
        },
      ]);
      expect(
        imageDrift({
          pinnedDigest: digest('9'),
          pinned: { digest: digest('9'), notFound: true },
          running: [pinnedPod],
          tags,
          maxAgeDays: 90,
          now,
        })[0].evidence[0],
      ).toBe(
        `${digest(
          '9',
        )} is not in the registry: a pod that starts cannot pull it`,
      );
      // A digest the last read did not look at: nothing claimed.
      expect(
        imageDrift({
          pinnedDigest: digest('9'),
          running: [pinnedPod],
          tags,
          maxAgeDays: 90,
          now,
        }),
      ).toEqual([]);
    });
  });

  it('ages an image pinned by tag and digest by the digest it runs, and counts its pods as running it', () => {
    const drift = imageDrift({
      tag: '1.15.0',
      pinnedDigest: digest('a'),
      pinned: { digest: digest('a'), created: '2026-08-01T00:00:00Z' },
      // No digest reported yet: the pinned one is what it runs.
      running: [pod()],
      tags,
      maxAgeDays: 90,
      now,
    });
    expect(drift.map(d => [d.kind, d.evidence])).toEqual([
      ['digest-mismatch', [`prod-eu-1: pod api-1 runs ${digest('a')}`]],
      ['too-old', [`${digest('a')} created 2026-08-01T00:00:00Z`]],
    ]);
  });

  it('says nothing about the registry when it was not read', () => {
    expect(
      imageDrift({
        tag: '1.0.0',
        running: [pod(digest('1'))],
        maxAgeDays: 1,
        now,
      }),
    ).toEqual([]);
  });
});
