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
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  useEntity,
  useEntityOwnership,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATION_CONFLUENT_TOPIC,
  confluentSchemaTagPermission,
  ConfluentSchemaField,
  ConfluentSchemaResponse,
  isPiiMasked,
  PiiStatus,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
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
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
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

/**
 * The "Suspected PII" badge of a field whose name looks personal but that
 * nothing tags, with the owner's one-click "Tag PII" when it can be tagged.
 */
export function SuspectedPiiBadge(props: {
  field: ConfluentSchemaField;
  /** Present for owners: tags this field. */
  onTag?: () => void;
  /** This field is being tagged. */
  busy?: boolean;
  /** Another tagging is under way. */
  disabled?: boolean;
}) {
  const { field, onTag, busy, disabled } = props;
  const suspected = field.suspectedPii;
  if (!suspected) return null;
  const help = `The name looks personal (like “${
    suspected.pattern
  }”) but no PII tag marks it. Only the name was checked, never a value.${
    suspected.taggable
      ? ''
      : ' It has no Stream Catalog entity to tag (not a field of a named record).'
  }`;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Tooltip title={help} arrow>
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          icon={<HelpOutlineIcon />}
          label="Suspected PII"
          aria-label={`Suspected PII: ${help}`}
          tabIndex={0}
          data-testid={`suspected-${field.path}`}
        />
      </Tooltip>
      {onTag && suspected.taggable && (
        <Button
          size="small"
          variant="text"
          startIcon={busy ? <CircularProgress size={14} /> : <LocalOfferIcon />}
          disabled={busy || disabled}
          onClick={onTag}
          aria-label={`Tag ${field.path} PII`}
        >
          Tag PII
        </Button>
      )}
    </Stack>
  );
}

/**
 * The fields to show: with "PII only", protected and suspected fields and
 * their parents.
 */
export function visibleFields(
  fields: ConfluentSchemaField[],
  piiOnly: boolean,
): ConfluentSchemaField[] {
  if (!piiOnly) return fields;
  const keep = new Set<string>();
  for (const f of fields) {
    if (!f.protection && !f.suspectedPii) continue;
    const parts = f.path.split('.');
    for (let i = 1; i <= parts.length; i++) {
      keep.add(parts.slice(0, i).join('.'));
    }
  }
  return fields.filter(f => keep.has(f.path));
}

/** What the last tagging did, shown above the fields. */
export type TagOutcome = { ok: boolean; text: string };

/** The field tree of a schema, with the PII filter. */
export function SchemaFields(props: {
  schema: ConfluentSchemaResponse;
  /** Present for owners: tags the fields PII (and refreshes the schema). */
  onTagPii?: (paths: string[]) => Promise<void>;
}) {
  const { schema, onTagPii } = props;
  const [piiOnly, setPiiOnly] = useState(false);
  // The paths being tagged, and the outcome of the last tagging.
  const [busy, setBusy] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<TagOutcome>();
  const suspected = schema.fields.filter(f => f.suspectedPii);
  const taggable = suspected.filter(f => f.suspectedPii!.taggable);
  const tag = onTagPii
    ? async (paths: string[]) => {
        setBusy(paths);
        setOutcome(undefined);
        try {
          await onTagPii(paths);
          setOutcome({
            ok: true,
            text: `Tagged ${paths.join(', ')} PII in Stream Catalog.`,
          });
        } catch (error) {
          setOutcome({
            ok: false,
            text: `Could not tag ${paths.join(', ')}: ${errorMessage(
              error as Error,
            )}`,
          });
        } finally {
          setBusy([]);
        }
      }
    : undefined;
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
          {suspected.length > 0 && ` · ${suspected.length} suspected`}
        </Typography>
        {tag && taggable.length > 1 && (
          <Button
            size="small"
            variant="outlined"
            color="warning"
            startIcon={
              busy.length > 1 ? (
                <CircularProgress size={14} />
              ) : (
                <LocalOfferIcon />
              )
            }
            disabled={busy.length > 0}
            onClick={() => tag(taggable.map(f => f.path))}
          >
            Tag {taggable.length} suspected PII
          </Button>
        )}
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
      {outcome && (
        <Alert
          severity={outcome.ok ? 'success' : 'error'}
          onClose={() => setOutcome(undefined)}
        >
          {outcome.text}
        </Alert>
      )}
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
                <SuspectedPiiBadge
                  field={field}
                  busy={busy.includes(field.path)}
                  disabled={busy.length > 0}
                  onTag={tag ? () => tag([field.path]) : undefined}
                />
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
 * nullability, masked and PII fields marked with their provenance, and
 * fields whose names look personal marked "Suspected PII", with a "Tag PII"
 * action for the entity's owners.
 * @public
 */
export function SchemaCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentSchemaAvailable(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    async () =>
      available ? api.getSchema(getCompoundEntityRef(entity)) : undefined,
    [api, entity, available],
  );
  const { allowed } = usePermission({
    permission: confluentSchemaTagPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { isOwnedEntity } = useEntityOwnership();
  // The backend checks both again: this only hides what would be refused.
  const canTag = allowed && isOwnedEntity(entity);
  const title = 'Schema';
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_TOPIC}
      />
    );
  }
  // A refresh after tagging keeps the fields (and the outcome) on screen.
  if (loading && !value) return <LoadingCard title={title} />;
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
      <SchemaFields
        schema={value}
        onTagPii={
          canTag
            ? async paths => {
                await api.tagSchemaPii(getCompoundEntityRef(entity), paths);
                retry();
              }
            : undefined
        }
      />
    </InfoCard>
  );
}
