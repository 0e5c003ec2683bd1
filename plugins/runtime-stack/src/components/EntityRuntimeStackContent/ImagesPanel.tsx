import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  RUNTIME_STACK_ANNOTATIONS,
  runningSummary,
  shortDigest,
  type EntityImages,
  type ImageDrift,
  type ImageScan,
  type RegistryTag,
  type ServiceImage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { driftMessage } from './driftMessage';
import { ErrorText } from '../shared/ErrorText';
import { AlertChip } from '../shared/AlertChip';
import { ScrollingTable } from '../shared/ScrollingTable';
import { runtimeStackTranslationRef } from '../../translation';

const top = { verticalAlign: 'top' } as const;
const mono = { fontFamily: 'monospace', whiteSpace: 'nowrap' } as const;

const Caption = ({
  children,
  error,
}: {
  children: React.ReactNode;
  error?: boolean;
}) =>
  error ? (
    <ErrorText variant="caption" component="div">
      {children}
    </ErrorText>
  ) : (
    <Typography variant="caption" component="div" color="textSecondary">
      {children}
    </Typography>
  );

/** When a tag's image was built, and how long ago. */
const Built = ({ tag }: { tag: RegistryTag }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (!tag.created) return null;
  const date = tag.created.slice(0, 10);
  const age = formatAgeSince(t, tag.created);
  return (
    <Caption>
      {age
        ? t('imagesPanel.builtAgo', { date, age })
        : t('imagesPanel.built', { date })}
    </Caption>
  );
};

/** The source repository (when it is a web address) and revision a tag names. */
const Provenance = ({ tag }: { tag: RegistryTag }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const source = tag.source && /^https?:\/\//.test(tag.source) && (
    <Link to={tag.source}>{t('imagesPanel.source')}</Link>
  );
  const revision = tag.revision && (
    <span style={mono} title={tag.revision}>
      {tag.revision.slice(0, 12)}
    </span>
  );
  if (!source && !revision) return null;
  return (
    <Caption>
      {source && revision
        ? t('imagesPanel.sourceAt', { source, revision })
        : source || revision}
    </Caption>
  );
};

/**
 * The image's vulnerability scans, one line per distinct result (the same
 * image scanned on two clusters usually reads the same), newest first.
 */
const Scans = ({ scans }: { scans: ImageScan[] }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const newestFirst = [...scans].sort((a, b) =>
    (b.scannedAt ?? '').localeCompare(a.scannedAt ?? ''),
  );
  const shown = new Map<string, ImageScan>();
  for (const scan of newestFirst) {
    const key = JSON.stringify([scan.scanner, scan.counts]);
    if (!shown.has(key)) shown.set(key, scan);
  }
  return (
    <>
      {[...shown.values()].map(scan => {
        const count = (n?: number) => (n === undefined ? '?' : String(n));
        const counts = t('imagesPanel.scan.counts', {
          critical: count(scan.counts.critical),
          high: count(scan.counts.high),
          medium: count(scan.counts.medium),
          low: count(scan.counts.low),
        });
        const scanner = scan.scanner ?? t('imagesPanel.scan.unknownScanner');
        const age = scan.scannedAt && formatAgeSince(t, scan.scannedAt);
        return (
          // The report is named on hover; the Build security row lists it too.
          <div
            key={`${scan.cluster}/${scan.namespace}/${scan.report}`}
            title={t('imagesPanel.scan.title', {
              namespace: scan.namespace,
              report: scan.report,
              cluster: scan.cluster,
              container: scan.container,
            })}
          >
            <Caption error={(scan.counts.critical ?? 0) > 0}>
              {age
                ? t('imagesPanel.scan.byAgo', { scanner, age, counts })
                : t('imagesPanel.scan.by', { scanner, counts })}
            </Caption>
          </div>
        );
      })}
    </>
  );
};

const ImageName = ({ image }: { image: ServiceImage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <>
      <Typography variant="body2" style={{ wordBreak: 'break-word' }}>
        <strong>{image.repository ?? image.reference}</strong>
        {image.tag && `:${image.tag}`}
      </Typography>
      {image.digest && (
        <Caption>
          {t('imagesPanel.pinned', {
            digest: <span style={mono}>{shortDigest(image.digest)}</span>,
          })}
        </Caption>
      )}
      {image.registry && <Caption>{image.registry}</Caption>}
      {image.declared && (
        <Chip
          size="small"
          variant="outlined"
          label={t('imagesPanel.declared')}
          title={t('imagesPanel.declaredTitle', {
            annotation: RUNTIME_STACK_ANNOTATIONS.images,
          })}
        />
      )}
      {image.invalid && <Caption error>{image.invalid}</Caption>}
      {image.scans && <Scans scans={image.scans} />}
    </>
  );
};

const Running = ({ image }: { image: ServiceImage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (image.running.length === 0) {
    return (
      <Typography variant="body2">{t('imagesPanel.running.none')}</Typography>
    );
  }
  const summary = runningSummary(image.running);
  return (
    <>
      {summary.clusters.map(({ cluster, pods }) => (
        <Typography variant="body2" key={cluster}>
          {t('imagesPanel.running.podsOn', { count: pods, cluster })}
        </Typography>
      ))}
      <Caption>
        {t('imagesPanel.running.containers', {
          count: summary.containers.length,
          names: summary.containers.join(', '),
        })}
      </Caption>
      {summary.digests.length > 1 && (
        <Caption error>
          {t('imagesPanel.running.digests', { count: summary.digests.length })}
        </Caption>
      )}
      {summary.digests.map(digest => (
        <Caption key={digest}>
          <span style={mono} title={digest}>
            {shortDigest(digest)}
          </span>
        </Caption>
      ))}
      {summary.withoutDigest > 0 && summary.digests.length === 0 && (
        <Caption>{t('imagesPanel.running.noDigest')}</Caption>
      )}
    </>
  );
};

/**
 * A repository the registry collection has not read yet, neither with
 * success nor failure: a new registry or a newly deployed image. Nothing
 * it lacks is known, so no tag is "not in the registry".
 */
const notReadYet = (image: ServiceImage) =>
  image.registryConfigured &&
  !image.checkedAt &&
  !image.lastError &&
  !image.current &&
  image.newest.length === 0;

const Registry = ({ image }: { image: ServiceImage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (!image.registryConfigured) {
    return (
      <Caption>
        {t('imagesPanel.registry.notConfigured', {
          config: 'runtimeStack.images.registries',
        })}
      </Caption>
    );
  }
  if (notReadYet(image)) {
    return <Caption>{t('imagesPanel.registry.notReadYet')}</Caption>;
  }
  const { current } = image;
  const newest = image.newest[0];
  const checked = image.checkedAt && formatAgeSince(t, image.checkedAt);
  return (
    <>
      {current && (
        <>
          <Typography variant="body2">
            {/* A pinned digest no tag points to: the drift says so. */}
            {current.tag && `${current.tag} → `}
            <span style={mono} title={current.digest}>
              {shortDigest(current.digest)}
            </span>
          </Typography>
          <Built tag={current} />
          <Provenance tag={current} />
        </>
      )}
      {!current && image.tag && !image.lastError && (
        <Caption>
          {image.tagNotRead
            ? t('imagesPanel.registry.tagNotRead', { tag: image.tag })
            : t('imagesPanel.registry.tagMissing', { tag: image.tag })}
        </Caption>
      )}
      {newest && newest.tag !== current?.tag && (
        <>
          <Typography variant="body2" style={{ marginTop: 4 }}>
            {t('imagesPanel.registry.newest', { tag: newest.tag })}
            {image.tagCount !== undefined && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {' '}
                {t('imagesPanel.registry.tagCount', { count: image.tagCount })}
              </Typography>
            )}
          </Typography>
          <Built tag={newest} />
        </>
      )}
      {image.lastError && <Caption error>{image.lastError}</Caption>}
      {checked && (
        <Caption>{t('imagesPanel.registry.read', { age: checked })}</Caption>
      )}
    </>
  );
};

/** The message key of each drift kind's chip; the backend's message says the rest. */
const DRIFT_KEYS = {
  'digest-mismatch': 'digestMismatch',
  'newer-tag': 'newerTag',
  'floating-tag': 'floatingTag',
  'too-old': 'tooOld',
} as const satisfies Record<ImageDrift['kind'], string>;

/**
 * Whether the registry was read for the image, so that no drift means none:
 * not when its registry is not configured, the reference does not parse, it
 * was not read yet, or the registry failed before giving anything.
 */
const driftChecked = (image: ServiceImage) =>
  image.registryConfigured &&
  !image.invalid &&
  !notReadYet(image) &&
  !(image.lastError && !image.current && image.newest.length === 0);

const Drift = ({ image }: { image: ServiceImage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  // A kind this frontend does not know yet shows as the backend names it.
  const labelOf = (kind: ImageDrift['kind']) =>
    kind in DRIFT_KEYS ? t(`imagesPanel.drift.${DRIFT_KEYS[kind]}`) : kind;
  if (image.drift.length === 0) {
    return driftChecked(image) ? (
      <Chip size="small" label={t('imagesPanel.drift.none')} />
    ) : (
      <Chip
        size="small"
        variant="outlined"
        label={t('imagesPanel.drift.notChecked')}
      />
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 6 }}>
      {image.drift.map(d => (
        <div key={d.kind}>
          <Tooltip
            title={
              d.evidence.length > 0 ? (
                <span style={{ whiteSpace: 'pre-line' }}>
                  {d.evidence.join('\n')}
                </span>
              ) : (
                ''
              )
            }
          >
            <AlertChip size="small" label={labelOf(d.kind)} tabIndex={0} />
          </Tooltip>
          <Caption>{driftMessage(t, d)}</Caption>
        </div>
      ))}
    </Box>
  );
};

/** Running images against what the registry holds, with the drift. */
export const ImagesPanel = ({ value }: { value: EntityImages }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <ScrollingTable size="small" aria-label={t('imagesPanel.label')}>
      <TableHead>
        <TableRow>
          <TableCell style={{ width: '27%' }}>
            {t('imagesPanel.columns.image')}
          </TableCell>
          <TableCell style={{ width: '21%' }}>
            {t('imagesPanel.columns.running')}
          </TableCell>
          <TableCell style={{ width: '27%' }}>
            {t('imagesPanel.columns.registry')}
          </TableCell>
          <TableCell>{t('imagesPanel.columns.drift')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.images.map(image => (
          <TableRow key={image.reference}>
            <TableCell style={top}>
              <ImageName image={image} />
            </TableCell>
            <TableCell style={top}>
              <Running image={image} />
            </TableCell>
            <TableCell style={top}>
              <Registry image={image} />
            </TableCell>
            <TableCell style={top}>
              <Drift image={image} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};
