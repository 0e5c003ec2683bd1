import {
  describeImageDrift,
  type ImageDrift,
  type ImageDriftFacts,
} from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { driftMessage } from './driftMessage';

const digest = `sha256:${'5a82f88d51c7'.repeat(6)}`;

describe('driftMessage', () => {
  it.each<[ImageDrift['kind'], ImageDriftFacts]>([
    ['floating-tag', { tag: 'latest' }],
    ['floating-tag', {}],
    ['digest-mismatch', { tag: '1.14.2', tagDigest: digest, pods: 1 }],
    ['digest-mismatch', { tag: '1.14.2', tagDigest: digest, pods: 3 }],
    ['newer-tag', { tag: '1.14.2', newest: '1.15.0' }],
    ['too-old', { tag: '1.14.1', ageDays: 83, maxAgeDays: 30 }],
    ['too-old', { tag: '1.14.1', ageDays: 1, maxAgeDays: 0 }],
  ])('words %s %j in English as the backend does', (kind, facts) => {
    // No message given: the words must come from the facts alone.
    expect(
      driftMessage(englishT, { kind, message: '', evidence: [], facts }),
    ).toBe(describeImageDrift(kind, facts));
  });

  it("keeps the backend's message for a pinned digest no tag points to, whose facts name no tag", () => {
    expect(
      driftMessage(englishT, {
        kind: 'digest-mismatch',
        message: 'No tag in the registry points to the pinned digest',
        evidence: [],
        facts: { pods: 2 },
      }),
    ).toBe('No tag in the registry points to the pinned digest');
  });

  it("keeps the backend's message for an image stored without facts, or a kind it does not know", () => {
    expect(
      driftMessage(englishT, {
        kind: 'newer-tag',
        message: 'A newer version is in the registry: 2.0.0',
        evidence: [],
      }),
    ).toBe('A newer version is in the registry: 2.0.0');
    expect(
      driftMessage(englishT, {
        kind: 'unsigned' as ImageDrift['kind'],
        message: 'The image carries no signature',
        evidence: [],
        facts: {},
      }),
    ).toBe('The image carries no signature');
  });
});
