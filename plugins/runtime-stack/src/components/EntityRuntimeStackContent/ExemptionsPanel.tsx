import {
  useAnalytics,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  exemptionCreatePermission,
  exemptionDeletePermission,
  type Exemption,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { useFocusWhenRemoved } from '../shared/useFocusWhenRemoved';
import { useOnNewEvaluation } from '../shared/useOnNewEvaluation';
import { runtimeStackApiRef } from '../../api';
import {
  describeExpiry,
  expiryDay,
  explainExemptionError,
  sortExemptions,
} from './exemptions';
import { scopeKindOf, useScopeNoun } from '../shared/entityScope';
import { errorMessage, statusOf } from '../shared/errorMessage';
import { GuardedButton } from '../shared/GuardedButton';
import { useEntityTitle } from '../shared/useEntityTitles';
import { GrantExemptionDialog } from './GrantExemptionDialog';
import { Section } from './Section';
import { AlertChip } from '../shared/AlertChip';
import { alertTextColor } from '../shared/alertColors';
import { ErrorText } from '../shared/ErrorText';
import { VisuallyHidden } from '@backstage/ui';
import { ScrollingTable } from '../shared/ScrollingTable';
import { capabilityTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { runtimeStackTranslationRef } from '../../translation';

/** A basic (non-resource) permission, as usePermission takes it. */
type BasicPermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef?: undefined }
>['permission'];

/** Why an action is disabled, or nothing when the user may take it. */
function useDeniedReason(
  permission: BasicPermission,
  denied: string,
): string | undefined {
  const { loading, allowed, error } = usePermission({ permission });
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (loading) return t('exemptions.permission.checking');
  if (error) {
    return t('exemptions.permission.checkFailed', {
      message: errorMessage(error),
    });
  }
  return allowed ? undefined : denied;
}

const useStyles = makeStyles(theme => ({
  destructive: { color: alertTextColor(theme) },
}));

const RevokeDialog = ({
  exemption,
  capabilityTitle,
  onClose,
  onRevoked,
}: {
  exemption: Exemption;
  capabilityTitle: string;
  onClose: () => void;
  onRevoked: () => void;
}) => {
  const classes = useStyles();
  const api = useApi(runtimeStackApiRef);
  const analytics = useAnalytics();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const scopeTitle = useEntityTitle(exemption.scope.ref);
  const revoke = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      await api.deleteExemption(exemption.id);
    } catch (error) {
      // 404: someone revoked it first, which is what was asked.
      if (statusOf(error) !== 404) {
        setProblem(explainExemptionError(t, error, 'revoke'));
        setSaving(false);
        return;
      }
    }
    analytics.captureEvent('revoke-exemption', exemption.capability, {
      attributes: {
        scope: exemption.scope.kind,
        scopeRef: exemption.scope.ref,
      },
    });
    onClose();
    onRevoked();
  };
  const titleId = `revoke-exemption-${exemption.id}`;
  return (
    // A revoke in flight is not cancelled by closing: closing would only
    // hide its failure.
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        {t('exemptions.revokeDialog.title', { capability: capabilityTitle })}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {t('exemptions.revokeDialog.body', {
            capability: capabilityTitle,
            scope: scopeTitle,
          })}
        </Typography>
        {problem && <ErrorText role="alert">{problem}</ErrorText>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          {t('exemptions.revokeDialog.cancel')}
        </Button>
        <Button
          className={classes.destructive}
          onClick={revoke}
          disabled={saving}
        >
          {t('exemptions.revokeDialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const ScopeCell = ({
  exemption,
  entityRef,
}: {
  exemption: Exemption;
  entityRef: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const scopeNoun = useScopeNoun();
  if (exemption.scope.ref === entityRef) return <>{scopeNoun(entityRef)}</>;
  const link = (
    <EntityRefLink
      entityRef={exemption.scope.ref}
      defaultKind={exemption.scope.kind}
    />
  );
  return exemption.scope.kind === 'system'
    ? t('exemptions.systemScope', { system: link })
    : link;
};

const ExemptionRow = ({
  exemption,
  entityRef,
  capabilityTitle,
  revokeDeniedReason,
  onRevoke,
}: {
  exemption: Exemption;
  entityRef: string;
  capabilityTitle: string;
  revokeDeniedReason?: string;
  onRevoke: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const expiry = describeExpiry(t, exemption.expiresAt);
  return (
    <TableRow>
      <TableCell>{capabilityTitle}</TableCell>
      <TableCell>
        <ScopeCell exemption={exemption} entityRef={entityRef} />
      </TableCell>
      <TableCell>{exemption.reason}</TableCell>
      <TableCell>
        <Typography variant="body2">
          {expiryDay(exemption.expiresAt)}
        </Typography>
        {expiry.expired ? (
          <AlertChip size="small" label={t('exemptions.expired')} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {expiry.text}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <Typography variant="body2">
          {t('exemptions.requestedBy', {
            who: (
              <EntityRefLink
                entityRef={exemption.requestedBy}
                defaultKind="user"
              />
            ),
          })}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('exemptions.grantedBy', {
            who: (
              <EntityRefLink
                entityRef={exemption.grantedBy}
                defaultKind="user"
              />
            ),
          })}
        </Typography>
      </TableCell>
      <TableCell align="right">
        <GuardedButton
          disabledReason={revokeDeniedReason}
          onClick={onRevoke}
          aria-label={t('exemptions.revokeLabel', {
            capability: capabilityTitle,
          })}
        >
          {t('exemptions.revoke')}
        </GuardedButton>
      </TableCell>
    </TableRow>
  );
};

interface ExemptionsPanelProps {
  /** The component or System, as `kind:namespace/name`. */
  entityRef: string;
  /** A component's System, as `system:namespace/name`, when it has one. */
  systemRef?: string;
  /** The layer model for capability titles; loaded on demand when absent. */
  model?: LayerModel;
  /**
   * A service's gaps (see `exemptionGapsOf`), or those of a System's
   * components, the only capabilities the grant dialog offers; `'loading'`
   * until the coverage has loaded. Every capability of the model when absent.
   */
  gaps?: readonly string[] | 'loading';
  /** The capability the grant dialog starts with. */
  capability?: string;
  /** Called after a grant or revoke, so coverage can be reloaded. */
  onChanged?: () => void;
  /**
   * When the coverage the page shows was evaluated: a new evaluation (an
   * exemption granted or revoked elsewhere, one expired) reloads the list,
   * keeping it on screen meanwhile.
   */
  evaluatedAt?: string;
}

const EntityExemptions = ({
  entityRef,
  systemRef,
  model,
  gaps,
  capability,
  onChanged,
  evaluatedAt,
}: ExemptionsPanelProps) => {
  const api = useApi(runtimeStackApiRef);
  const key = `${entityRef} ${systemRef ?? ''}`;
  // A reload keeps the list on screen, and so does one that fails.
  const exemptions = useLastGoodAsync(
    key,
    async () => {
      const [own, system] = await Promise.all([
        api.getExemptions({ scopeRef: entityRef }),
        systemRef ? api.getExemptions({ scopeRef: systemRef }) : [],
      ]);
      return sortExemptions([...own, ...system]);
    },
    [api, entityRef, systemRef],
  );
  useOnNewEvaluation(key, evaluatedAt, exemptions.retry);
  const loadedModel = useAsync(
    async () => model ?? api.getLayerModel(),
    [api, model],
  ).value;
  const titleOf = useMemo(() => capabilityTitlesOf(loadedModel), [loadedModel]);

  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const grantDeniedReason = useDeniedReason(
    exemptionCreatePermission,
    t('exemptions.permission.grantDenied'),
  );
  const revokeDeniedReason = useDeniedReason(
    exemptionDeletePermission,
    t('exemptions.permission.revokeDenied'),
  );
  const [granting, setGranting] = useState(false);
  // Exemptions are for accepted gaps: with none, there is nothing to grant.
  let noGapReason: string | undefined;
  const gapsOf = scopeKindOf(entityRef);
  if (gaps === 'loading') noGapReason = t(`exemptions.gapsLoading.${gapsOf}`);
  else if (gaps?.length === 0) noGapReason = t(`exemptions.noGaps.${gapsOf}`);
  // Whose gaps the panel lists: a component's own and its System's, or a
  // System's for all its components.
  const subject = systemRef ? 'componentAndSystem' : scopeKindOf(entityRef);
  const [revoking, setRevoking] = useState<Exemption>();

  // The revoked row and its button go once the list reloads: focus moves
  // to the heading rather than fall to the page's body.
  const shownIds = useMemo(
    () => exemptions.value?.map(e => e.id),
    [exemptions.value],
  );
  const heading = useFocusWhenRemoved<HTMLHeadingElement>(shownIds);

  const changed = () => {
    exemptions.retry();
    onChanged?.();
  };
  const revoked = (exemption: Exemption) => {
    heading.focusWhenRemoved(exemption.id);
    changed();
  };

  return (
    <Section
      title={t('exemptions.title')}
      what={t('exemptions.what')}
      subheader={t(`exemptions.subheader.${subject}`)}
      state={exemptions}
      refreshError={exemptions.refreshError}
      titleRef={heading.ref}
      isEmpty={() => false}
      empty=""
    >
      {items => (
        <>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            mb={1}
          >
            <Typography variant="body2" color="textSecondary">
              {items.length === 0
                ? t(`exemptions.none.${subject}`)
                : t('exemptions.count', { count: items.length })}
            </Typography>
            <GuardedButton
              variant="outlined"
              color="primary"
              disabledReason={grantDeniedReason ?? noGapReason}
              onClick={() => setGranting(true)}
            >
              {t('exemptions.grant')}
            </GuardedButton>
          </Box>
          {items.length > 0 && (
            <ScrollingTable size="small" aria-label={t('exemptions.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('exemptions.columns.capability')}</TableCell>
                  <TableCell>{t('exemptions.columns.scope')}</TableCell>
                  <TableCell>{t('exemptions.columns.reason')}</TableCell>
                  <TableCell>{t('exemptions.columns.expires')}</TableCell>
                  <TableCell>{t('exemptions.columns.people')}</TableCell>
                  <TableCell>
                    <VisuallyHidden>
                      {t('exemptions.columns.actions')}
                    </VisuallyHidden>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(exemption => (
                  <ExemptionRow
                    key={exemption.id}
                    exemption={exemption}
                    entityRef={entityRef}
                    capabilityTitle={titleOf(exemption.capability)}
                    revokeDeniedReason={revokeDeniedReason}
                    onRevoke={() => setRevoking(exemption)}
                  />
                ))}
              </TableBody>
            </ScrollingTable>
          )}
          {granting && (
            <GrantExemptionDialog
              entityRef={entityRef}
              model={loadedModel}
              gaps={gaps === 'loading' ? undefined : gaps}
              capability={capability}
              onClose={() => setGranting(false)}
              onGranted={changed}
              onConflict={changed}
            />
          )}
          {revoking && (
            <RevokeDialog
              exemption={revoking}
              capabilityTitle={titleOf(revoking.capability)}
              onClose={() => setRevoking(undefined)}
              onRevoked={() => revoked(revoking)}
            />
          )}
        </>
      )}
    </Section>
  );
};

/**
 * The accepted gaps of this component and of its System, or of a System for
 * all its components, with granting and revoking for those allowed to. An
 * expired exemption stays listed until revoked, marked as counting as missing
 * again.
 */
export const ExemptionsPanel = (props: ExemptionsPanelProps) => (
  // A panel of its own per entity: a legacy app keeps the tab mounted when
  // its page moves to another entity, and a dialog opened on one must not
  // open again on the other's page once its list loads.
  <EntityExemptions
    key={`${props.entityRef} ${props.systemRef ?? ''}`}
    {...props}
  />
);
