/*
 * Copyright 2026 The Shiftleft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  ConfluentHistoryResponse,
  ConfluentVersion,
} from '@shiftleft/plugin-confluent-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentVersionHistoryAvailable } from '../../conditions';
import { ConsoleLink, LoadingCard, MissingAnnotationCard } from '../cards';
import {
  StateChip,
  statementPhaseStyle,
  STATEMENT_PHASE_STYLES,
} from '../states';
import { SqlDiff } from './SqlDiff';
import { diffCounts, sqlLineDiff } from './sqlDiff';

const TITLE = 'Version history';

const SUBHEADER: Record<ConfluentHistoryResponse['source'], string> = {
  statements: 'Each change replaced the statement blue/green',
  'materialized-table': 'Materialized table versions',
  none: '',
};

/** `sha256:0123456789ab…`: enough to tell versions apart at a glance. */
const shortDigest = (digest: string) => `${digest.slice(0, 19)}…`;

function PhaseChip(props: { version: ConfluentVersion }) {
  const { phase, detail } = props.version;
  if (!phase) return null;
  const style =
    phase === 'MISSING'
      ? {
          ...STATEMENT_PHASE_STYLES.DELETING,
          description: detail ?? 'Deleted',
        }
      : statementPhaseStyle(phase);
  return <StateChip state={phase} style={style} size="small" />;
}

/** Where a version's SQL stands against the version before it. */
function SqlChange(props: {
  version: ConfluentVersion;
  previous?: ConfluentVersion;
}) {
  const { version, previous } = props;
  if (!previous) {
    if (!version.sql) return null;
    return (
      <Accordion disableGutters variant="outlined">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">SQL of the first version</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Typography
            component="pre"
            variant="body2"
            aria-label={`SQL of ${version.label}`}
            sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', m: 0 }}
          >
            {version.sql}
          </Typography>
        </AccordionDetails>
      </Accordion>
    );
  }
  if (version.sql === undefined || previous.sql === undefined) {
    // Without the text (not an owner, or a missing statement), the digests
    // still say whether the SQL changed.
    let text = `Its SQL is not known, so it cannot be compared with ${previous.label}.`;
    if (version.sqlDigest && previous.sqlDigest) {
      text =
        version.sqlDigest === previous.sqlDigest
          ? `Same SQL as ${previous.label}.`
          : `SQL changed since ${previous.label} (the digests differ).`;
    }
    return (
      <Typography variant="body2" data-testid="history-sql-change">
        {text}
      </Typography>
    );
  }
  const lines = sqlLineDiff(previous.sql, version.sql);
  const { added, removed } = diffCounts(lines);
  if (!added && !removed) {
    return (
      <Typography variant="body2" data-testid="history-sql-change">
        Same SQL as {previous.label}.
      </Typography>
    );
  }
  return (
    <Accordion
      disableGutters
      variant="outlined"
      defaultExpanded={version.current}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2" data-testid="history-sql-change">
          SQL changes since {previous.label}: +{added} −{removed}{' '}
          {added + removed === 1 ? 'line' : 'lines'}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <SqlDiff label={`SQL changes of ${version.label}`} lines={lines} />
      </AccordionDetails>
    </Accordion>
  );
}

/** One version: its name and state, who and where it runs, what changed. */
function VersionView(props: {
  version: ConfluentVersion;
  previous?: ConfluentVersion;
}) {
  const { version, previous } = props;
  const facts = [
    version.createdAt &&
      `Created ${new Date(version.createdAt).toLocaleString()}`,
    version.principal && `principal ${version.principal}`,
    version.computePoolId && `compute pool ${version.computePoolId}`,
    version.resumedFrom && `resumed from ${version.resumedFrom}`,
  ].filter(Boolean);
  return (
    <Stack spacing={1} data-testid={`history-version-${version.id}`}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle1" sx={{ fontFamily: 'monospace' }}>
          {version.label}
        </Typography>
        {version.current && (
          <Chip size="small" color="primary" label="Current" />
        )}
        <PhaseChip version={version} />
      </Stack>
      {facts.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {facts.join(' · ')}
        </Typography>
      )}
      {version.detail && version.phase !== 'RUNNING' && (
        <Typography variant="body2" color="text.secondary">
          {version.detail}
        </Typography>
      )}
      {version.changes && (
        <Typography variant="body2">
          {version.changes.length
            ? version.changes.join('; ')
            : `${previous ? 'Query changed' : 'Created'}`}
        </Typography>
      )}
      {version.sqlDigest && (
        <Typography
          variant="caption"
          color="text.secondary"
          title={version.sqlDigest}
          sx={{ fontFamily: 'monospace' }}
        >
          SQL {shortDigest(version.sqlDigest)}
        </Typography>
      )}
      <SqlChange version={version} previous={previous} />
      {version.consoleUrl && <ConsoleLink url={version.consoleUrl} />}
    </Stack>
  );
}

/**
 * The versions of a data product, newest first: the chain of statements a
 * blue/green change leaves (the old one STOPPED, the new one current), or
 * a materialized table's versions, each with the SQL diff against the
 * version before it.
 * @public
 */
export function VersionHistoryCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentVersionHistoryAvailable(entity);
  const { value, loading, error } = useAsync(async () => {
    if (!available) return undefined;
    if (!api.getVersionHistory) {
      throw new Error('This Confluent API has no version history');
    }
    return api.getVersionHistory(getCompoundEntityRef(entity));
  }, [api, entity, available]);
  if (!available) {
    return (
      <MissingAnnotationCard
        title={TITLE}
        annotation={ANNOTATION_CONFLUENT_STATEMENT}
      />
    );
  }
  if (loading) return <LoadingCard title={TITLE} />;
  if (error) return <ResponseErrorPanel error={error} title={TITLE} />;
  if (!value || value.versions.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <EmptyState missing="data" title="No versions to show" />
      </InfoCard>
    );
  }
  const { versions } = value;
  const newestFirst = versions
    .map((version, i) => ({ version, previous: versions[i - 1] }))
    .reverse();
  return (
    <InfoCard
      title={TITLE}
      subheader={SUBHEADER[value.source]}
      variant="gridItem"
    >
      <Stack spacing={2} divider={<Divider flexItem />}>
        {!versions.some(v => v.current) && (
          <Alert severity="warning">No version runs now.</Alert>
        )}
        {value.source === 'statements' && !value.sqlShown && (
          <Alert severity="info">
            The SQL is shown to the product’s owners only; the digests tell
            whether two versions differ.
          </Alert>
        )}
        {newestFirst.map(({ version, previous }) => (
          <VersionView key={version.id} version={version} previous={previous} />
        ))}
      </Stack>
    </InfoCard>
  );
}
