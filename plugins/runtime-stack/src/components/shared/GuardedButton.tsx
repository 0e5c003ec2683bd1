import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useId, type ReactNode } from 'react';
import { VISUALLY_HIDDEN } from './visuallyHidden';

/**
 * A small button that says why it is disabled: in a tooltip on hover, and
 * as its accessible description, so a screen reader reads the reason with
 * the button. The wrapper stays whether or not it is disabled, so the
 * button is not replaced when a permission check comes back.
 */
export const GuardedButton = ({
  disabledReason,
  children,
  ...props
}: {
  disabledReason?: string;
  children: ReactNode;
  onClick: () => void;
  'aria-label'?: string;
  variant?: 'text' | 'outlined' | 'contained';
  color?: 'default' | 'primary' | 'secondary';
}) => {
  const reasonId = useId();
  return (
    // A disabled button gets no pointer events, so the tooltip hangs on the wrapper.
    <Tooltip title={disabledReason ?? ''}>
      <span>
        <Button
          size="small"
          disabled={Boolean(disabledReason)}
          aria-describedby={disabledReason ? reasonId : undefined}
          {...props}
        >
          {children}
        </Button>
        {disabledReason && (
          <span id={reasonId} style={VISUALLY_HIDDEN}>
            {disabledReason}
          </span>
        )}
      </span>
    </Tooltip>
  );
};
