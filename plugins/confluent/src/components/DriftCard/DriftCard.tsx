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
import { ConsoleLink, LoadingCard, MissingAnnotationCard } from '../cards';

const TITLE = 'Drift';

/** When and by whom, in the words Confluent gives (or says it does not). */
function Provenance(props: { drift: ResourceDrift }) {
  const { drift } = props;
  const parts: string[] = [];
  if (drift.declaredAt) {
    parts.push(
      `Declared ${new Date(drift.declaredAt).toLocaleString()}${
        drift.declaredBy ? ` by ${drift.declaredBy}` : ''
      }`,
    );
  }
  if (drift.drifted) {
    parts.push(
      drift.changedAt
        ? `changed ${new Date(drift.changedAt).toLocaleString()}${
            drift.changedBy ? ` by ${drift.changedBy}` : ''
          }`
        : 'Confluent does not report when or by whom it changed',
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

/** One statement or connector: in sync, drifted (with each difference), or not declared. */
function ResourceDriftView(props: { drift: ResourceDrift }) {
  const { drift } = props;
  let chip;
  if (!drift.declared) {
    chip = (
      <Chip
        size="small"
        icon={<HelpOutlineIcon />}
        label="Not created by the portal"
      />
    );
  } else if (drift.drifted) {
    chip = (
      <Chip
        size="small"
        color="warning"
        icon={<DifferenceIcon />}
        label={`Drifted: ${drift.differences.length} ${
          drift.differences.length === 1 ? 'difference' : 'differences'
        }`}
      />
    );
  } else {
    chip = (
      <Chip
        size="small"
        color="success"
        icon={<CheckCircleIcon />}
        label="As declared"
      />
    );
  }
  return (
    <Stack spacing={1} data-testid={`drift-${drift.kind}-${drift.name}`}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle1" sx={{ fontFamily: 'monospace' }}>
          {drift.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {drift.kind}
        </Typography>
        {chip}
      </Stack>
      {!drift.declared && (
        <Typography variant="body2" color="text.secondary">
          Nothing was declared for it, so there is nothing to compare.
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

/**
 * How the entity's statements and connectors differ from what the portal
 * declared when it created them (an SMT removed, a property changed, a
 * statement replaced outside the portal), with when and by whom when
 * Confluent says so.
 * @public
 */
export function DriftCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentDriftAvailable(entity);
  const { value, loading, error } = useAsync(
    async () =>
      available ? api.getDrift(getCompoundEntityRef(entity)) : undefined,
    [api, entity, available],
  );
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
  if (!value || value.resources.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <EmptyState
          missing="data"
          title="No statement or connector to compare"
        />
      </InfoCard>
    );
  }
  const drifted = value.resources.filter(r => r.drifted).length;
  return (
    <InfoCard title={TITLE} variant="gridItem">
      <Stack spacing={2} divider={<Divider flexItem />}>
        {drifted > 0 && (
          <Alert severity="warning">
            {drifted === 1
              ? 'One resource differs'
              : `${drifted} resources differ`}{' '}
            from what the portal declared.
          </Alert>
        )}
        {value.resources.map(r => (
          <ResourceDriftView key={`${r.kind}:${r.name}`} drift={r} />
        ))}
      </Stack>
    </InfoCard>
  );
}
