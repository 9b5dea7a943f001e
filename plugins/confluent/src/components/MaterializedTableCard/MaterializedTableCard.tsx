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
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  MaterializedTableVersionInfo,
  readMaterializedTable,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { MissingAnnotationCard } from '../cards';
import { statementPhaseStyle } from '../states';

const TITLE = 'Materialized table';

/** What a version changed, as Confluent reports it. */
function describeChanges(version: MaterializedTableVersionInfo): string {
  if (version.changes.length) return version.changes.join('; ');
  return version.version === 1 ? 'Created' : 'Query changed';
}

/**
 * A Flink materialized table behind a data product: its current version,
 * phase and query, and every version with its statement and what it
 * changed. Reads only the entity (the provider writes the history), so it
 * costs no request.
 * @public
 */
export function MaterializedTableCard() {
  const { entity } = useEntity();
  const table = readMaterializedTable(entity);
  if (!table) {
    return (
      <MissingAnnotationCard
        title={TITLE}
        annotation={`spec.${SPEC_MATERIALIZED_TABLE}`}
      />
    );
  }
  const phase = table.phase ? statementPhaseStyle(table.phase) : undefined;
  return (
    <InfoCard title={TITLE} subheader={`Version ${table.version}`}>
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} alignItems="center">
          {phase && (
            <Chip
              size="small"
              color={phase.color}
              icon={phase.icon}
              label={table.phase}
              title={phase.description}
            />
          )}
          {table.latestVersion > table.version && (
            <Typography variant="body2">
              Version {table.latestVersion} is activating.
            </Typography>
          )}
        </Stack>
        {table.query && (
          <Typography
            component="pre"
            variant="body2"
            sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', m: 0 }}
          >
            {table.query}
          </Typography>
        )}
        <Table size="small" aria-label="Versions">
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Changes</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...table.versions].reverse().map(v => (
              <TableRow key={v.version}>
                <TableCell title={v.statement}>
                  {v.version}
                  {v.version === table.version ? ' (current)' : ''}
                </TableCell>
                <TableCell>{v.createdAt ?? '–'}</TableCell>
                <TableCell>{describeChanges(v)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Stack>
    </InfoCard>
  );
}
