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
  DriftDifference,
  ResourceDrift,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DifferenceIcon from '@mui/icons-material/Difference';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import useAsync from 'react-use/esm/useAsync';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentDriftAvailable } from '../../conditions';
import {
  ConfluentCard,
  ConsoleLink,
  LoadingCard,
  MissingAnnotationCard,
  useConfluentT,
} from '../cards';
import { DriftCardSection, sectionFilter } from '../sections';

/** When and by whom, in the words Confluent gives (or says it does not). */
function Provenance(props: { drift: ResourceDrift }) {
  const { drift } = props;
  const t = useConfluentT();
  const by = (who?: string) => (who ? t('driftCard.by', { who }) : '');
  const parts: string[] = [];
  if (drift.declaredAt) {
    parts.push(
      `${t('driftCard.declared', {
        time: new Date(drift.declaredAt).toLocaleString(),
      })}${by(drift.declaredBy)}`,
    );
  }
  if (drift.drifted) {
    parts.push(
      drift.changedAt
        ? `${t('driftCard.changed', {
            time: new Date(drift.changedAt).toLocaleString(),
          })}${by(drift.changedBy)}`
        : t('driftCard.changeUnknown'),
    );
  }
  return (
    <Typography variant="caption" color="text.secondary">
      {parts.join('; ')}
    </Typography>
  );
}

function Difference(props: { difference: DriftDifference }) {
  const { difference } = props;
  return (
    <Typography component="li" variant="body2" data-testid="drift-difference">
      {difference.message}
    </Typography>
  );
}

/** In sync, drifted (with the count of differences), or not declared. */
function DriftChip(props: { drift: ResourceDrift }) {
  const { drift } = props;
  const t = useConfluentT();
  if (!drift.declared) {
    return (
      <Chip
        size="small"
        icon={<HelpOutlineIcon />}
        label={t('driftCard.notCreatedByPortal')}
      />
    );
  }
  if (drift.drifted) {
    return (
      <Chip
        size="small"
        color="warning"
        icon={<DifferenceIcon />}
        label={t('driftCard.drifted', { count: drift.differences.length })}
      />
    );
  }
  return (
    <Chip
      size="small"
      color="success"
      icon={<CheckCircleIcon />}
      label={t('driftCard.asDeclared')}
    />
  );
}

/** One statement or connector: in sync, drifted (with each difference), or not declared. */
function ResourceDriftView(props: { drift: ResourceDrift }) {
  const { drift } = props;
  const t = useConfluentT();
  return (
    <Stack spacing={1} data-testid={`drift-${drift.kind}-${drift.name}`}>
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <Text variant="title-x-small" style={{ fontFamily: 'monospace' }}>
          {drift.name}
        </Text>
        <Text variant="body-x-small" color="secondary">
          {drift.kind}
        </Text>
        <DriftChip drift={drift} />
      </Flex>
      {!drift.declared && (
        <Typography variant="body2" color="text.secondary">
          {t('driftCard.nothingDeclared')}
        </Typography>
      )}
      {drift.differences.length > 0 && (
        <Stack component="ul" sx={{ m: 0, pl: 2.5 }} spacing={0.5}>
          {drift.differences.map((d, i) => (
            <Difference key={i} difference={d} />
          ))}
        </Stack>
      )}
      {drift.declared && <Provenance drift={drift} />}
      {drift.consoleUrl && <ConsoleLink url={drift.consoleUrl} />}
    </Stack>
  );
}

/** The section a resource is listed under. */
function driftSection(drift: ResourceDrift): DriftCardSection {
  if (!drift.declared) return 'undeclared';
  return drift.drifted ? 'drifted' : 'inSync';
}

/** Props of `DriftCard` (the legacy export `EntityConfluentDriftCard`). @public */
export interface DriftCardProps {
  /**
   * What to show: `summary` (how many resources differ), and which
   * resources to list: `drifted`, `inSync`, `undeclared` (not created by
   * the portal). Default: all of them.
   */
  sections?: readonly DriftCardSection[];
}

/**
 * How the entity's statements and connectors differ from what the portal
 * declared when it created them (an SMT removed, a property changed, a
 * statement replaced outside the portal), with when and by whom when
 * Confluent says so.
 * @public
 */
export function DriftCard(props: DriftCardProps = {}) {
  const { entity } = useEntity();
  const t = useConfluentT();
  const show = sectionFilter(props.sections);
  const api = useApi(confluentApiRef);
  const available = isConfluentDriftAvailable(entity);
  const { value, loading, error } = useAsync(
    async () =>
      available ? api.getDrift(getCompoundEntityRef(entity)) : undefined,
    [api, entity, available],
  );
  const title = t('driftCard.title');
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
  if (!value || value.resources.length === 0) {
    return (
      <ConfluentCard title={title}>
        <EmptyState missing="data" title={t('driftCard.empty')} />
      </ConfluentCard>
    );
  }
  const drifted = value.resources.filter(r => r.drifted).length;
  return (
    <ConfluentCard title={title}>
      <Stack spacing={2} divider={<Divider flexItem />}>
        {show('summary') && drifted > 0 && (
          <Alert severity="warning">
            {t('driftCard.resourcesDiffer', { count: drifted })}
          </Alert>
        )}
        {value.resources
          .filter(r => show(driftSection(r)))
          .map(r => (
            <ResourceDriftView key={`${r.kind}:${r.name}`} drift={r} />
          ))}
      </Stack>
    </ConfluentCard>
  );
}
