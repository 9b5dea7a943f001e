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
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useConfluentT } from '../../translation';
import { Section } from '../DryRunReview';
import { PlanReview } from '../plan';

/** Where personal data reaches a sink: masked or not, and how it got there. */
export function PersonalData({ review }: { review: PlanReview }) {
  const t = useConfluentT();
  const plan = review.plan!;
  const masked = plan.source?.config['transforms.maskPii.fields'];
  const title = t('planReview.personalDataTitle');
  return (
    <Section title={title}>
      {masked && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('planReview.maskedAtSource', {
            fields: masked,
            replacement:
              plan.source?.config['transforms.maskPii.replacement'] ?? '',
          })}
        </Typography>
      )}
      {plan.pii.length === 0 ? (
        <Typography variant="body2">
          {t('planReview.noPersonalData')}
        </Typography>
      ) : (
        <MuiTable size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>{t('planReview.sinkTarget')}</TableCell>
              <TableCell>{t('planReview.columnColumn')}</TableCell>
              <TableCell>{t('planReview.arrives')}</TableCell>
              <TableCell>{t('planReview.howColumn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.pii.flatMap(sink =>
              sink.fields.map(f => (
                <TableRow key={`${sink.sink}.${f.column}.${f.field ?? ''}`}>
                  <TableCell>{sink.target}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>
                    {f.column}
                    {f.field ? `.${f.field}` : ''}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={f.masked ? 'success' : 'error'}
                      label={
                        f.masked
                          ? `${t('planReview.masked')}${
                              f.replacement ? ` (${f.replacement})` : ''
                            }`
                          : t('planReview.unmasked', { status: f.status })
                      }
                    />
                  </TableCell>
                  <TableCell>
                    <ol style={{ margin: 0, paddingLeft: 16 }}>
                      {f.chain.map((step, i) => (
                        <li key={i}>{step}</li>
                      ))}
                    </ol>
                  </TableCell>
                </TableRow>
              )),
            )}
          </TableBody>
        </MuiTable>
      )}
    </Section>
  );
}

/**
 * Columns whose names look personal but that the form neither masks nor
 * declares PII. Only names were checked, never values.
 */
export function SuspectedPersonalData({ review }: { review: PlanReview }) {
  const t = useConfluentT();
  const suspected = review.plan?.suspectedPii ?? [];
  if (suspected.length === 0) return null;
  const fromSource = [
    ...new Set(suspected.filter(f => f.from === 'source').map(f => f.column)),
  ];
  const title = t('planReview.suspectedTitle');
  return (
    <Section title={title}>
      <Alert severity="warning" sx={{ mb: 1 }}>
        {t('planReview.suspected', { count: suspected.length })}
        {fromSource.length > 0 &&
          t('planReview.suspectedFix', { columns: fromSource.join(', ') })}
      </Alert>
      <MuiTable size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{t('planReview.tableColumn')}</TableCell>
            <TableCell>{t('planReview.columnColumn')}</TableCell>
            <TableCell>{t('planReview.looksLike')}</TableCell>
            <TableCell>{t('planReview.fromColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {suspected.map(f => (
            <TableRow
              key={`${f.table}.${f.column}`}
              data-testid={`suspected-${f.table}.${f.column}`}
            >
              <TableCell>{f.table}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{f.column}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={f.pattern}
                />
              </TableCell>
              <TableCell>
                {f.from === 'source'
                  ? t('planReview.sourceTable')
                  : t('planReview.statementOutput')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    </Section>
  );
}
