import { SidebarItem } from '@backstage/core-components';
import {
  NotificationsSidebarItem,
  type NotificationsRenderItemProps,
} from '@backstage/plugin-notifications';
import { makeStyles } from '@material-ui/core/styles';
import NotificationsIcon from '@material-ui/icons/NotificationsNone';

const useStyles = makeStyles(theme => ({
  count: {
    minWidth: theme.spacing(3),
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.spacing(1.5),
    // The sidebar's own colours, swapped: as legible as its labels.
    backgroundColor: theme.palette.navigation.color,
    color: theme.palette.navigation.background,
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: `${theme.spacing(3)}px`,
    textAlign: 'center',
  },
}));

/**
 * The sidebar's Notifications link with its unread count. The plugin's own
 * item names the link "Notifications" while it shows "Notifications 2", and
 * puts a focusable grid inside the link; screen readers and voice control
 * need the count in the link's name, and a link with nothing focusable in it.
 */
export function NotificationsNavLink({
  unreadCount,
  to,
  onClick,
}: NotificationsRenderItemProps) {
  const classes = useStyles();
  const shown = unreadCount > 99 ? '99+' : String(unreadCount);
  return (
    <SidebarItem
      icon={NotificationsIcon}
      to={to}
      onClick={onClick}
      text="Notifications"
      hasNotifications={unreadCount > 0}
      aria-label={
        unreadCount > 0 ? `Notifications ${shown} unread` : 'Notifications'
      }
    >
      {unreadCount > 0 && (
        // The space keeps the label's words apart for whoever reads the
        // text rather than the name ("Notifications 2", not
        // "Notifications2"); the flex row does not render it.
        <>
          {' '}
          <span className={classes.count}>{shown}</span>
        </>
      )}
    </SidebarItem>
  );
}

/** The plugin's item (unread count, live updates, page title counter). */
export const NotificationsNavItem = () => (
  <NotificationsSidebarItem
    renderItem={props => <NotificationsNavLink {...props} />}
  />
);
