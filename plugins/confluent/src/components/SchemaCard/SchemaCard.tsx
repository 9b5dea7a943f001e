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
import { useMemo, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CONFLUENT_TOPIC,
  ConfluentSchemaField,
  ConfluentSchemaResponse,
  isPiiMasked,
  PiiStatus,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import LockIcon from '@mui/icons-material/Lock';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import useAsync from 'react-use/esm/useAsync';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentSchemaAvailable } from '../../conditions';
import { ConsoleLink, LoadingCard, MissingAnnotationCard } from '../cards';
import { errorMessage, isNotFound } from '../live';

const STATUS_TEXT: Record<PiiStatus, string> = {
  masked: 'Masked',
  'derived-from-masked': 'Masked',
  pii: 'PII',
  'derived-from-pii': 'PII',
};

const STATUS_HELP: Record<PiiStatus, string> = {
  masked: 'Holds a masked value: the personal data never reaches this topic.',
  'derived-from-masked':
    'Computed from a masked value: it holds no personal data.',
  pii: 'Holds personal data.',
  'derived-from-pii': 'Computed from personal data: it may still reveal it.',
};

/** The provenance chain, step by step, origin first. */
function Provenance(props: { field: ConfluentSchemaField }) {
  const protection = props.field.protection!;
  return (
    <Box sx={{ p: 0.5, maxWidth: 480 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {STATUS_HELP[protection.status]}
        {protection.replacement !== undefined &&
          ` Replacement: ${protection.replacement}`}
      </Typography>
      <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
        {protection.chain.map((step, i) => (
          <Typography component="li" variant="body2" key={i}>
            {step.detail}
            {step.via && (
              <>
                {' '}
                (<EntityRefLink entityRef={step.via} />)
              </>
            )}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

/** The Masked / PII badge, explaining its provenance on hover or focus. */
export function ProtectionBadge(props: { field: ConfluentSchemaField }) {
  const { protection } = props.field;
  if (!protection) return null;
  const masked = isPiiMasked(protection.status);
  return (
    <Tooltip title={<Provenance field={props.field} />} arrow>
      <Chip
        size="small"
        color={masked ? 'success' : 'error'}
        icon={masked ? <LockIcon /> : <PersonSearchIcon />}
        label={STATUS_TEXT[protection.status]}
        aria-label={`${STATUS_TEXT[protection.status]}: ${protection.summary}`}
        tabIndex={0}
        data-testid={`protection-${props.field.path}`}
      />
    </Tooltip>
  );
}

/** The fields to show: with "PII only", protected fields and their parents. */
export function visibleFields(
  fields: ConfluentSchemaField[],
  piiOnly: boolean,
): ConfluentSchemaField[] {
  if (!piiOnly) return fields;
  const keep = new Set<string>();
  for (const f of fields) {
    if (!f.protection) continue;
    const parts = f.path.split('.');
    for (let i = 1; i <= parts.length; i++) {
      keep.add(parts.slice(0, i).join('.'));
    }
  }
  return fields.filter(f => keep.has(f.path));
}

/** The field tree of a schema, with the PII filter. */
export function SchemaFields(props: { schema: ConfluentSchemaResponse }) {
  const { schema } = props;
  const [piiOnly, setPiiOnly] = useState(false);
  const shown = useMemo(
    () => visibleFields(schema.fields, piiOnly),
    [schema.fields, piiOnly],
  );
  const protectedFields = schema.fields.filter(f => f.protection);
  const masked = protectedFields.filter(f =>
    isPiiMasked(f.protection!.status),
  ).length;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap">
        <Typography variant="body2" color="text.secondary">
          {schema.subject} · version {schema.version} · {schema.format}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {protectedFields.length === 0
            ? 'No field carries personal data'
            : `Personal data in ${protectedFields.length} field${
                protectedFields.length === 1 ? '' : 's'
              }: ${masked} masked`}
        </Typography>
        <FormControlLabel
          control={
            <Switch
              checked={piiOnly}
              onChange={e => setPiiOnly(e.target.checked)}
            />
          }
          label="PII only"
        />
      </Stack>
      <Table size="small" aria-label={`Fields of ${schema.subject}`}>
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Type</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>Nullable</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>Personal data</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(field => (
            <TableRow key={field.path} data-testid={`field-${field.path}`}>
              <TableCell
                sx={{
                  pl: 2 + field.depth * 3,
                  fontFamily: 'monospace',
                  whiteSpace: 'nowrap',
                }}
                title={field.doc ? `${field.path}: ${field.doc}` : field.path}
              >
                <Link
                  to={`lineage?column=${encodeURIComponent(
                    field.path.split('.')[0],
                  )}`}
                  title={`${field.path} in the Lineage tab`}
                >
                  {field.name}
                </Link>
                {field.tags
                  .filter(t => t.name.toLocaleLowerCase('en-US') !== 'pii')
                  .map(t => (
                    <Chip
                      key={`${t.name}-${t.source}`}
                      label={t.name}
                      size="small"
                      variant="outlined"
                      sx={{ ml: 1 }}
                    />
                  ))}
              </TableCell>
              <TableCell
                sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}
              >
                {field.type}
              </TableCell>
              <TableCell>{field.nullable ? 'yes' : 'no'}</TableCell>
              <TableCell>
                <ProtectionBadge field={field} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box>
        <ConsoleLink url={schema.consoleUrl} />
      </Box>
    </Stack>
  );
}

/**
 * The schema of an entity's topic: every field with its type and
 * nullability, masked and PII fields marked with their provenance.
 * @public
 */
export function SchemaCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentSchemaAvailable(entity);
  const { value, loading, error } = useAsync(
    async () =>
      available ? api.getSchema(getCompoundEntityRef(entity)) : undefined,
    [api, entity, available],
  );
  const title = 'Schema';
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_TOPIC}
      />
    );
  }
  if (loading) return <LoadingCard title={title} />;
  if (error) {
    if (isNotFound(error)) {
      return (
        <InfoCard title={title}>
          <EmptyState
            missing="data"
            title="No schema"
            description={errorMessage(error)}
          />
        </InfoCard>
      );
    }
    return <ResponseErrorPanel error={error} title="Schema" />;
  }
  if (!value || value.fields.length === 0) {
    return (
      <InfoCard title={title}>
        <EmptyState missing="data" title="The schema has no fields" />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={title} variant="gridItem">
      <SchemaFields schema={value} />
    </InfoCard>
  );
}
