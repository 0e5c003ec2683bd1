import {
  OWNERSHIP_RESPONSIBILITIES,
  type OwnershipResponsibility,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

const isKnown = (value: string): value is OwnershipResponsibility =>
  (OWNERSHIP_RESPONSIBILITIES as readonly string[]).includes(value);

/**
 * What an owner group does for a capability, in the app's words. A value
 * this version of the plugin does not know (from a newer backend) is shown
 * as the backend sent it rather than as a missing message's key.
 */
export function responsibilityText(
  t: RuntimeStackT,
  responsibility: string,
): string {
  return isKnown(responsibility)
    ? t(`entityContent.responsibility.${responsibility}`)
    : responsibility;
}
