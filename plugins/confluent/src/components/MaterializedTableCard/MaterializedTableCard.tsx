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
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  MaterializedTableVersionInfo,
  readMaterializedTable,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import { Flex } from '@backstage/ui';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ConfluentCard, MissingAnnotationCard, useConfluentT } from '../cards';
import { MaterializedTableCardSection, sectionFilter } from '../sections';
import { statementPhaseStyle } from '../states';

/** What a version changed, as Confluent reports it. */
function useDescribeChanges() {
  const t = useConfluentT();
  return (version: MaterializedTableVersionInfo): string => {
    if (version.changes.length) return version.changes.join('; ');
    return version.version === 1
      ? t('materializedTableCard.createdChange')
      : t('materializedTableCard.queryChanged');
  };
}

/** Props of `MaterializedTableCard` (the legacy export `EntityConfluentMaterializedTableCard`). @public */
export interface MaterializedTableCardProps {
  /**
   * What to show: `status` (the phase and an activating version), `query`,
   * `versions` (the history table). Default: all of them.
   */
  sections?: readonly MaterializedTableCardSection[];
}

/**
 * A Flink materialized table behind a data product: its current version,
 * phase and query, and every version with its statement and what it
 * changed. Reads only the entity (the provider writes the history), so it
 * costs no request.
 * @public
 */
export function MaterializedTableCard(props: MaterializedTableCardProps = {}) {
  const { entity } = useEntity();
  const t = useConfluentT();
  const describeChanges = useDescribeChanges();
  const show = sectionFilter(props.sections);
  const title = t('materializedTableCard.title');
  const table = readMaterializedTable(entity);
  if (!table) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={`spec.${SPEC_MATERIALIZED_TABLE}`}
      />
    );
  }
  const phase = table.phase ? statementPhaseStyle(table.phase) : undefined;
  return (
    <ConfluentCard
      title={title}
      subtitle={t('materializedTableCard.version', {
        version: String(table.version),
      })}
    >
      <Flex direction="column" gap="4">
        {show('status') && (
          <Flex align="center" gap="2">
            {phase && (
              <Chip
                size="small"
                color={phase.color}
                icon={phase.icon}
                label={table.phase}
                title={
                  phase.messageKey ? t(phase.messageKey) : phase.description
                }
              />
            )}
            {table.latestVersion > table.version && (
              <Typography variant="body2">
                {t('materializedTableCard.activating', {
                  version: String(table.latestVersion),
                })}
              </Typography>
            )}
          </Flex>
        )}
        {show('query') && table.query && (
          <Typography
            component="pre"
            variant="body2"
            sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', m: 0 }}
          >
            {table.query}
          </Typography>
        )}
        {show('versions') && (
          <Table size="small" aria-label={t('materializedTableCard.versions')}>
            <TableHead>
              <TableRow>
                <TableCell>
                  {t('materializedTableCard.versionColumn')}
                </TableCell>
                <TableCell>{t('materializedTableCard.created')}</TableCell>
                <TableCell>{t('materializedTableCard.changes')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...table.versions].reverse().map(v => (
                <TableRow key={v.version}>
                  <TableCell title={v.statement}>
                    {v.version}
                    {v.version === table.version
                      ? t('materializedTableCard.current')
                      : ''}
                  </TableCell>
                  <TableCell>{v.createdAt ?? '–'}</TableCell>
                  <TableCell>{describeChanges(v)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Flex>
    </ConfluentCard>
  );
}
