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
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
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
import {
  ConfluentCard,
  ConsoleLink,
  LoadingCard,
  MissingAnnotationCard,
  useConfluentT,
} from '../cards';
import { HistoryCardSection, sectionFilter } from '../sections';
import {
  StateChip,
  statementPhaseStyle,
  STATEMENT_PHASE_STYLES,
} from '../states';
import { SqlDiff } from './SqlDiff';
import { diffCounts, sqlLineDiff } from './sqlDiff';

const SUBHEADER = {
  statements: 'historyCard.subStatements',
  'materialized-table': 'historyCard.subMaterializedTable',
  none: undefined,
} as const satisfies Record<
  ConfluentHistoryResponse['source'],
  string | undefined
>;

/** `sha256:0123456789ab…`: enough to tell versions apart at a glance. */
const shortDigest = (digest: string) => `${digest.slice(0, 19)}…`;

function PhaseChip(props: { version: ConfluentVersion }) {
  const { phase, detail } = props.version;
  const t = useConfluentT();
  if (!phase) return null;
  // A missing statement says why in Confluent's own words, untranslated.
  const style =
    phase === 'MISSING'
      ? {
          ...STATEMENT_PHASE_STYLES.DELETING,
          description: detail ?? t('historyCard.deleted'),
          messageKey: undefined,
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
  const t = useConfluentT();
  if (!previous) {
    if (!version.sql) return null;
    return (
      <Accordion disableGutters variant="outlined">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">{t('historyCard.firstSql')}</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Typography
            component="pre"
            variant="body2"
            aria-label={t('historyCard.sqlOf', { label: version.label })}
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
    let text: string = t('historyCard.sqlUnknown', { label: previous.label });
    if (version.sqlDigest && previous.sqlDigest) {
      text =
        version.sqlDigest === previous.sqlDigest
          ? t('historyCard.sameSql', { label: previous.label })
          : t('historyCard.sqlChangedDigest', { label: previous.label });
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
        {t('historyCard.sameSql', { label: previous.label })}
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
          {t('historyCard.sqlChanges', {
            label: previous.label,
            added: String(added),
            removed: String(removed),
            count: added + removed,
          })}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <SqlDiff
          label={t('historyCard.sqlChangesOf', { label: version.label })}
          lines={lines}
        />
      </AccordionDetails>
    </Accordion>
  );
}

/** One version: its name and state, who and where it runs, what changed. */
function VersionView(props: {
  version: ConfluentVersion;
  previous?: ConfluentVersion;
  show(section: HistoryCardSection): boolean;
}) {
  const { version, previous, show } = props;
  const t = useConfluentT();
  const facts = [
    version.createdAt &&
      t('historyCard.created', {
        time: new Date(version.createdAt).toLocaleString(),
      }),
    version.principal &&
      t('historyCard.principal', { principal: version.principal }),
    version.computePoolId &&
      t('historyCard.computePool', { pool: version.computePoolId }),
    version.resumedFrom &&
      t('historyCard.resumedFrom', { from: version.resumedFrom }),
  ].filter(Boolean);
  return (
    <Stack spacing={1} data-testid={`history-version-${version.id}`}>
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <Text variant="title-x-small" style={{ fontFamily: 'monospace' }}>
          {version.label}
        </Text>
        {version.current && (
          <Chip size="small" color="primary" label={t('historyCard.current')} />
        )}
        <PhaseChip version={version} />
      </Flex>
      {show('details') && facts.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {facts.join(' · ')}
        </Typography>
      )}
      {show('details') && version.detail && version.phase !== 'RUNNING' && (
        <Typography variant="body2" color="text.secondary">
          {version.detail}
        </Typography>
      )}
      {show('details') && version.changes && (
        <Typography variant="body2">
          {version.changes.length
            ? version.changes.join('; ')
            : t(
                previous
                  ? 'historyCard.queryChanged'
                  : 'historyCard.createdChange',
              )}
        </Typography>
      )}
      {show('sql') && version.sqlDigest && (
        <Typography
          variant="caption"
          color="text.secondary"
          title={version.sqlDigest}
          sx={{ fontFamily: 'monospace' }}
        >
          {t('historyCard.sqlDigest', {
            digest: shortDigest(version.sqlDigest),
          })}
        </Typography>
      )}
      {show('sql') && <SqlChange version={version} previous={previous} />}
      {show('link') && version.consoleUrl && (
        <ConsoleLink url={version.consoleUrl} />
      )}
    </Stack>
  );
}

/** Props of `VersionHistoryCard` (the legacy export `EntityConfluentVersionHistoryCard`). @public */
export interface VersionHistoryCardProps {
  /**
   * What to show: `summary` (no version running, SQL for owners only),
   * `details` (created, principal, pool, changes), `sql` (digest and diff),
   * `link` (to Confluent Cloud). Default: all of them.
   */
  sections?: readonly HistoryCardSection[];
}

/**
 * The versions of a data product, newest first: the chain of statements a
 * blue/green change leaves (the old one STOPPED, the new one current), or
 * a materialized table's versions, each with the SQL diff against the
 * version before it. `sections` chooses what it shows (default: all).
 * @public
 */
export function VersionHistoryCard(props: VersionHistoryCardProps = {}) {
  const t = useConfluentT();
  const show = sectionFilter(props.sections);
  const title = t('historyCard.title');
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentVersionHistoryAvailable(entity);
  const { value, loading, error } = useAsync(async () => {
    if (!available) return undefined;
    if (!api.getVersionHistory) {
      throw new Error(t('historyCard.noApi'));
    }
    return api.getVersionHistory(getCompoundEntityRef(entity));
  }, [api, entity, available]);
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_STATEMENT}
      />
    );
  }
  if (loading) return <LoadingCard title={title} />;
  if (error) return <ResponseErrorPanel error={error} title={title} />;
  if (!value || value.versions.length === 0) {
    return (
      <ConfluentCard title={title}>
        <EmptyState missing="data" title={t('historyCard.empty')} />
      </ConfluentCard>
    );
  }
  const { versions } = value;
  const newestFirst = versions
    .map((version, i) => ({ version, previous: versions[i - 1] }))
    .reverse();
  return (
    <ConfluentCard
      title={title}
      subtitle={
        SUBHEADER[value.source] ? t(SUBHEADER[value.source]!) : undefined
      }
    >
      <Stack spacing={2} divider={<Divider flexItem />}>
        {show('summary') && !versions.some(v => v.current) && (
          <Alert severity="warning">{t('historyCard.noneRunning')}</Alert>
        )}
        {show('summary') &&
          value.source === 'statements' &&
          !value.sqlShown && (
            <Alert severity="info">{t('historyCard.sqlOwnersOnly')}</Alert>
          )}
        {newestFirst.map(({ version, previous }) => (
          <VersionView
            key={version.id}
            version={version}
            previous={previous}
            show={show}
          />
        ))}
      </Stack>
    </ConfluentCard>
  );
}
