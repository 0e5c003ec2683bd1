import type { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';

/**
 * Whether the stack puts a capability's status, tools, owners and actions
 * in its own cell instead of columns side by side. Five columns need the
 * page of an `xl` window: at 1280 px, beside the sidebar, the actions were
 * cut off and every layer scrolled sideways, so this holds up to and
 * including `lg` (MUI 4's `down('lg')`), down to a phone.
 */
export function useCompactStack(): boolean {
  return useMediaQuery<Theme>(theme => theme.breakpoints.down('lg'), {
    noSsr: true,
  });
}
