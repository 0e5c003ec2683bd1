import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  coreApis,
  useApi,
  type IdentityApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type ComponentType,
} from 'react';
import {
  DEMO_USER_HEADER,
  demoUserName,
  fetchDemoUsers,
  forgetChoiceOnSignOut,
  forgetDemoUser,
  rememberDemoUser,
  rememberedDemoUser,
} from './demoUserChoice';

const useStyles = makeStyles(
  theme => ({
    // Before the rule that shows it, for jsdom, which ignores specificity.
    // The padding lines the card up with the guest card above it, which
    // sits in the page's content padding less its grid's 8px margin.
    demo: {
      display: 'none',
      padding: theme.spacing(0, 1, 3),
      [theme.breakpoints.up('sm')]: {
        padding: theme.spacing(0, 2, 3),
      },
    },
    // The standard sign-in page fills the screen by itself; here it shares
    // it with the demo card below, in one scrolling column. Backstage marks
    // a page's root with data-backstage-core-page.
    root: {
      height: '100vh',
      overflowY: 'auto',
      '& > [data-backstage-core-page]': {
        height: 'auto',
        overflowY: 'visible',
      },
      // Only under the page: not while the sign-in page shows its progress
      // bar, signing back in as the guest.
      '& > [data-backstage-core-page] + $demo': {
        display: 'block',
      },
    },
    list: {
      padding: 0,
      margin: 0,
      listStyle: 'none',
    },
    item: {
      display: 'flex',
      flexDirection: 'column',
      width: '100%',
      maxWidth: 400,
    },
  }),
  { name: 'PortalDemoUsersSignIn' },
);

const DemoUserCard = ({
  users,
  onChoose,
}: {
  users: string[];
  onChoose: (userEntityRef: string) => void;
}) => {
  const classes = useStyles();
  const [selected, setSelected] = useState(users[0]);
  const selectId = useId();
  return (
    <Grid container component="ul" className={classes.list}>
      <Grid item component="li" className={classes.item}>
        <InfoCard
          title="Sign in as a demo user"
          variant="fullHeight"
          actions={
            <Button
              color="primary"
              variant="outlined"
              onClick={() => onChoose(selected)}
            >
              Sign in as demo user
            </Button>
          }
        >
          <Typography variant="body1" paragraph>
            Example portal, development only: be one of the example estate's
            users, with their teams, to try what the permission policy lets them
            change.
          </Typography>
          <TextField
            select
            fullWidth
            id={selectId}
            label="Demo user"
            value={selected}
            onChange={event => setSelected(event.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            {users.map(user => (
              <option key={user} value={user}>
                {demoUserName(user)}
              </option>
            ))}
          </TextField>
        </InfoCard>
      </Grid>
    </Grid>
  );
};

/**
 * The standard page, rendered again only when its own props change. It
 * restarts its automatic sign-in (the guest coming back after a reload) on
 * every render, and the cancelled attempt forgets which provider was used,
 * so the next page load would ask again; the demo users arriving meanwhile
 * re-render the chooser, and must not re-render this.
 */
const GUEST_ONLY = ['guest' as const];
const GuestSignInPage = memo((props: SignInPageProps) => (
  <SignInPage {...props} providers={GUEST_ONLY} />
));

/** The standard guest sign-in, and under it the demo users, when offered. */
const Chooser = ({
  onChoose,
  ...props
}: SignInPageProps & { onChoose: (userEntityRef: string) => void }) => {
  const classes = useStyles();
  const discoveryApi = useApi(coreApis.discovery);
  const [users, setUsers] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    fetchDemoUsers(discoveryApi).then(offered => {
      if (!cancelled) setUsers(offered);
    });
    return () => {
      cancelled = true;
    };
  }, [discoveryApi]);

  return (
    <div className={classes.root}>
      <GuestSignInPage {...props} />
      {users.length > 0 && (
        <section className={classes.demo} aria-label="Demo users">
          <DemoUserCard users={users} onChoose={onChoose} />
        </section>
      )}
    </div>
  );
};

/**
 * What the backend said, rather than "Request failed with 403": a failed
 * refresh is a ResponseError whose cause is the backend's error.
 */
function backendError(error?: Error): Error {
  const cause: unknown = error?.cause;
  if (cause instanceof Error && cause.message) return cause;
  return error ?? new Error('Unknown error');
}

const DemoSignInError = ({
  user,
  error,
  onBack,
}: {
  user: string;
  error?: Error;
  onBack: () => void;
}) => {
  const configApi = useApi(coreApis.config);
  return (
    <Page themeId="home">
      <Header title={configApi.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        <ErrorPanel
          title={`Could not sign in as demo user ${demoUserName(user)}`}
          error={backendError(error)}
        />
        <Button
          color="primary"
          variant="outlined"
          onClick={onBack}
          style={{ marginTop: 16 }}
        >
          Back to sign-in
        </Button>
      </Content>
    </Page>
  );
};

/** Signs in as the chosen demo user through the `demo` proxy provider. */
const DemoUserSignIn = ({
  user,
  onSignInSuccess,
  onBack,
}: {
  user: string;
  onSignInSuccess: (identityApi: IdentityApi) => void;
  onBack: () => void;
}) => {
  const headers = useMemo(() => ({ [DEMO_USER_HEADER]: user }), [user]);
  const handleSuccess = useCallback(
    (identity: IdentityApi) => onSignInSuccess(forgetChoiceOnSignOut(identity)),
    [onSignInSuccess],
  );
  const ErrorComponent = useMemo<ComponentType<{ error?: Error }>>(
    () =>
      ({ error }) =>
        <DemoSignInError user={user} error={error} onBack={onBack} />,
    [user, onBack],
  );
  return (
    <ProxiedSignInPage
      provider="demo"
      headers={headers}
      onSignInSuccess={handleSuccess}
      ErrorComponent={ErrorComponent}
    />
  );
};

/**
 * The portal's sign-in page: the guest, as on the standard page, and demo
 * users when the backend offers them (`auth.providers.demo`, development
 * only). The chosen demo user is remembered until they sign out.
 */
export const DemoUsersSignInPage = (props: SignInPageProps) => {
  const [chosen, setChosen] = useState(rememberedDemoUser);
  const choose = useCallback((user: string) => {
    rememberDemoUser(user);
    setChosen(user);
  }, []);
  const backToChooser = useCallback(() => {
    forgetDemoUser();
    setChosen(undefined);
  }, []);

  if (chosen) {
    return (
      <DemoUserSignIn
        key={chosen}
        user={chosen}
        onSignInSuccess={props.onSignInSuccess}
        onBack={backToChooser}
      />
    );
  }
  return <Chooser {...props} onChoose={choose} />;
};
