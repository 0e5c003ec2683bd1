import {
  shortDigest,
  type ImageDrift,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/**
 * A drift finding in the app's words, from its facts; the backend's English
 * `message` for images stored before facts existed, a kind this frontend
 * does not know, or a tag moved that names no tag: a pinned digest no tag
 * points to, which the facts cannot word.
 */
export function driftMessage(t: RuntimeStackT, drift: ImageDrift): string {
  const { facts } = drift;
  if (!facts) return drift.message;
  switch (drift.kind) {
    case 'floating-tag':
      return facts.tag
        ? t('imagesPanel.driftMessage.floatingTag', { tag: facts.tag })
        : t('imagesPanel.driftMessage.untagged');
    case 'digest-mismatch':
      if (!facts.tag) return drift.message;
      return t('imagesPanel.driftMessage.digestMismatch', {
        tag: facts.tag ?? '',
        digest: shortDigest(facts.tagDigest ?? ''),
        count: facts.pods ?? 0,
      });
    case 'newer-tag':
      return t('imagesPanel.driftMessage.newerTag', {
        newest: facts.newest ?? '',
      });
    case 'too-old':
      return t('imagesPanel.driftMessage.tooOld', {
        age: t('age.days', { count: facts.ageDays ?? 0 }),
        allowed: t('age.days', { count: facts.maxAgeDays ?? 0 }),
      });
    default:
      return drift.message;
  }
}
