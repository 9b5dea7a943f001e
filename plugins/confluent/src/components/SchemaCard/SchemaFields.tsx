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
import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import {
  ConfluentSchemaField,
  ConfluentSchemaResponse,
  isPiiMasked,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import { ConsoleLink, useConfluentT } from '../cards';
import { errorMessage } from '../live';
import { SchemaCardSection, sectionFilter } from '../sections';
import { ProtectionBadge, SuspectedPiiBadge } from './badges';

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

/**
 * Tagging fields PII: the paths being tagged, the last outcome, and `tag`
 * (absent when the viewer may not tag).
 */
function useTagPii(onTagPii?: (paths: string[]) => Promise<void>) {
  const t = useConfluentT();
  const [busy, setBusy] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<TagOutcome>();
  const tag = onTagPii
    ? async (paths: string[]) => {
        setBusy(paths);
        setOutcome(undefined);
        try {
          await onTagPii(paths);
          setOutcome({
            ok: true,
            text: t('schemaCard.tagged', { paths: paths.join(', ') }),
          });
        } catch (error) {
          setOutcome({
            ok: false,
            text: t('schemaCard.tagFailed', {
              paths: paths.join(', '),
              message: errorMessage(error as Error),
            }),
          });
        } finally {
          setBusy([]);
        }
      }
    : undefined;
  return { busy, outcome, clearOutcome: () => setOutcome(undefined), tag };
}

/** The line above the fields: the subject, the PII counts and the controls. */
function SchemaSummary(props: {
  schema: ConfluentSchemaResponse;
  piiOnly: boolean;
  onPiiOnly(piiOnly: boolean): void;
  busy: string[];
  tag?: (paths: string[]) => void;
}) {
  const { schema, piiOnly, onPiiOnly, busy, tag } = props;
  const t = useConfluentT();
  const suspected = schema.fields.filter(f => f.suspectedPii);
  const taggable = suspected.filter(f => f.suspectedPii!.taggable);
  const protectedFields = schema.fields.filter(f => f.protection);
  const masked = protectedFields.filter(f =>
    isPiiMasked(f.protection!.status),
  ).length;
  return (
    <Flex align="center" gap="4" style={{ flexWrap: 'wrap' }}>
      <Text variant="body-medium" color="secondary">
        {t('schemaCard.subjectLine', {
          subject: schema.subject,
          version: String(schema.version),
          format: schema.format,
        })}
      </Text>
      <span style={{ flexGrow: 1 }} />
      <Text variant="body-medium" color="secondary">
        {protectedFields.length === 0
          ? t('schemaCard.noPersonalData')
          : t('schemaCard.personalData', {
              count: protectedFields.length,
              masked: String(masked),
            })}
        {suspected.length > 0 &&
          t('schemaCard.suspectedCount', { n: String(suspected.length) })}
      </Text>
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
          {t('schemaCard.tagAllSuspected', { n: String(taggable.length) })}
        </Button>
      )}
      <FormControlLabel
        control={
          <Switch
            checked={piiOnly}
            onChange={e => onPiiOnly(e.target.checked)}
          />
        }
        label={t('schemaCard.piiOnly')}
      />
    </Flex>
  );
}

/** One field's row: name (to the Lineage tab) and tags, type, PII badges. */
function FieldRow(props: {
  field: ConfluentSchemaField;
  busy: string[];
  tag?: (paths: string[]) => void;
}) {
  const { field, busy, tag } = props;
  const t = useConfluentT();
  return (
    <TableRow data-testid={`field-${field.path}`}>
      <TableCell
        sx={{
          pl: 2 + field.depth * 3,
          fontFamily: 'monospace',
          whiteSpace: 'nowrap',
        }}
        title={field.doc ? `${field.path}: ${field.doc}` : field.path}
      >
        <Link
          to={`lineage?column=${encodeURIComponent(field.path.split('.')[0])}`}
          title={t('schemaCard.inLineageTab', { path: field.path })}
        >
          {field.name}
        </Link>
        {field.tags
          .filter(tg => tg.name.toLocaleLowerCase('en-US') !== 'pii')
          .map(tg => (
            <Chip
              key={`${tg.name}-${tg.source}`}
              label={tg.name}
              size="small"
              variant="outlined"
              sx={{ ml: 1 }}
            />
          ))}
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
        {field.type}
      </TableCell>
      <TableCell>
        {field.nullable ? t('schemaCard.yes') : t('schemaCard.no')}
      </TableCell>
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
  );
}

/** The fields table. */
function FieldsTable(props: {
  subject: string;
  fields: ConfluentSchemaField[];
  busy: string[];
  tag?: (paths: string[]) => void;
}) {
  const t = useConfluentT();
  return (
    <Table
      size="small"
      aria-label={t('schemaCard.fieldsLabel', { subject: props.subject })}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('schemaCard.field')}</TableCell>
          <TableCell>{t('schemaCard.type')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            {t('schemaCard.nullable')}
          </TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            {t('schemaCard.personalDataColumn')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.fields.map(field => (
          <FieldRow
            key={field.path}
            field={field}
            busy={props.busy}
            tag={props.tag}
          />
        ))}
      </TableBody>
    </Table>
  );
}

/** Props of {@link SchemaFields}. */
export interface SchemaFieldsProps {
  schema: ConfluentSchemaResponse;
  /** Present for owners: tags the fields PII (and refreshes the schema). */
  onTagPii?: (paths: string[]) => Promise<void>;
  /** What to show. Default: every section. */
  sections?: readonly SchemaCardSection[];
  /** Start with the "PII only" filter on. Default: off. */
  piiOnly?: boolean;
}

/** The field tree of a schema, with the PII filter. */
export function SchemaFields(props: SchemaFieldsProps) {
  const { schema, onTagPii } = props;
  const show = sectionFilter(props.sections);
  const [piiOnly, setPiiOnly] = useState(props.piiOnly ?? false);
  const { busy, outcome, clearOutcome, tag } = useTagPii(onTagPii);
  const shown = useMemo(
    () => visibleFields(schema.fields, piiOnly),
    [schema.fields, piiOnly],
  );
  return (
    <Flex direction="column" gap="2">
      {show('summary') && (
        <SchemaSummary
          schema={schema}
          piiOnly={piiOnly}
          onPiiOnly={setPiiOnly}
          busy={busy}
          tag={tag}
        />
      )}
      {outcome && (
        <Alert
          severity={outcome.ok ? 'success' : 'error'}
          onClose={clearOutcome}
        >
          {outcome.text}
        </Alert>
      )}
      {show('fields') && (
        <FieldsTable
          subject={schema.subject}
          fields={shown}
          busy={busy}
          tag={tag}
        />
      )}
      {show('link') && (
        <div>
          <ConsoleLink url={schema.consoleUrl} />
        </div>
      )}
    </Flex>
  );
}
