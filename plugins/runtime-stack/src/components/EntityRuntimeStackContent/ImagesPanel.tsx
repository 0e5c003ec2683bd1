import { Link } from '@backstage/core-components';
import type {
  EntityImages,
  ImageDrift,
  RegistryTag,
  ServiceImage,
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
import { runningSummary, shortDigest } from './runningSummary';
import { ErrorText } from '../shared/ErrorText';
import { AlertChip } from '../shared/AlertChip';
import { ScrollingTable } from '../shared/ScrollingTable';

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
  if (!tag.created) return null;
  const age = formatAgeSince(tag.created);
  return (
    <Caption>
      built {tag.created.slice(0, 10)}
      {age ? `, ${age} ago` : ''}
    </Caption>
  );
};

/** The source repository (when it is a web address) and revision a tag names. */
const Provenance = ({ tag }: { tag: RegistryTag }) => {
  const source =
    tag.source && /^https?:\/\//.test(tag.source) ? tag.source : undefined;
  if (!source && !tag.revision) return null;
  return (
    <Caption>
      {source && <Link to={source}>source</Link>}
      {source && tag.revision && ' at '}
      {tag.revision && (
        <span style={mono} title={tag.revision}>
          {tag.revision.slice(0, 12)}
        </span>
      )}
    </Caption>
  );
};

const ImageName = ({ image }: { image: ServiceImage }) => (
  <>
    <Typography variant="body2" style={{ wordBreak: 'break-word' }}>
      <strong>{image.repository ?? image.reference}</strong>
      {image.tag && `:${image.tag}`}
    </Typography>
    {image.digest && (
      <Caption>
        pinned <span style={mono}>{shortDigest(image.digest)}</span>
      </Caption>
    )}
    {image.registry && <Caption>{image.registry}</Caption>}
    {image.declared && (
      <Chip
        size="small"
        variant="outlined"
        label="declared"
        title="Listed in the runtime-stack.io/images annotation"
      />
    )}
    {image.invalid && <Caption error>{image.invalid}</Caption>}
  </>
);

const Running = ({ image }: { image: ServiceImage }) => {
  if (image.running.length === 0) {
    return <Typography variant="body2">not running</Typography>;
  }
  const summary = runningSummary(image.running);
  return (
    <>
      {summary.clusters.map(({ cluster, pods }) => (
        <Typography variant="body2" key={cluster}>
          {pods} {pods === 1 ? 'pod' : 'pods'} on {cluster}
        </Typography>
      ))}
      <Caption>
        {summary.containers.length === 1 ? 'container' : 'containers'}{' '}
        {summary.containers.join(', ')}
      </Caption>
      {summary.digests.length > 1 && (
        <Caption error>
          {summary.digests.length} different digests across its pods
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
        <Caption>no digest reported yet</Caption>
      )}
    </>
  );
};

const Registry = ({ image }: { image: ServiceImage }) => {
  if (!image.registryConfigured) {
    return (
      <Caption>
        Registry not configured: shown as the cluster reports it. Add it under
        runtimeStack.images.registries to compare with its tags.
      </Caption>
    );
  }
  const { current } = image;
  const newest = image.newest[0];
  const checked = image.checkedAt && formatAgeSince(image.checkedAt);
  return (
    <>
      {current && (
        <>
          <Typography variant="body2">
            {current.tag} →{' '}
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
            ? `tag ${image.tag} is in the registry, not read: only tags in a workload template or annotation, and the newest versions, are`
            : `tag ${image.tag} is not in the registry`}
        </Caption>
      )}
      {newest && newest.tag !== current?.tag && (
        <>
          <Typography variant="body2" style={{ marginTop: 4 }}>
            newest: {newest.tag}
            {image.tagCount !== undefined && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {' '}
                of {image.tagCount} {image.tagCount === 1 ? 'tag' : 'tags'}
              </Typography>
            )}
          </Typography>
          <Built tag={newest} />
        </>
      )}
      {image.lastError && <Caption error>{image.lastError}</Caption>}
      {checked && <Caption>registry read {checked} ago</Caption>}
    </>
  );
};

/** Drift kinds as the chip says them; the message below says the rest. */
const DRIFT_LABELS: Record<ImageDrift['kind'], string> = {
  'digest-mismatch': 'tag moved',
  'newer-tag': 'newer tag',
  'floating-tag': 'floating tag',
  'too-old': 'too old',
};

const Drift = ({ image }: { image: ServiceImage }) =>
  image.drift.length === 0 ? (
    <Chip size="small" label="none" />
  ) : (
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
            <AlertChip
              size="small"
              label={DRIFT_LABELS[d.kind] ?? d.kind}
              tabIndex={0}
            />
          </Tooltip>
          <Caption>{d.message}</Caption>
        </div>
      ))}
    </Box>
  );

/** Running images against what the registry holds, with the drift. */
export const ImagesPanel = ({ value }: { value: EntityImages }) => (
  <ScrollingTable size="small" aria-label="Images">
    <TableHead>
      <TableRow>
        <TableCell style={{ width: '27%' }}>Image</TableCell>
        <TableCell style={{ width: '21%' }}>Running</TableCell>
        <TableCell style={{ width: '27%' }}>Registry</TableCell>
        <TableCell>Drift</TableCell>
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
