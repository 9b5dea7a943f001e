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
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import { Flex } from '@backstage/ui';
import type { CdcPreflightCheck } from '@shiftleft/plugin-confluent-common';
import { useConfluentT } from '../../translation';
import { Section } from '../DryRunReview';

function CheckIcon({ status }: { status: CdcPreflightCheck['status'] }) {
  const t = useConfluentT();
  if (status === 'passed') {
    return (
      <CheckCircleIcon
        color="success"
        fontSize="small"
        titleAccess={t('planReview.check.passed')}
      />
    );
  }
  if (status === 'not_checked') {
    return (
      <RemoveCircleOutlineIcon
        color="disabled"
        fontSize="small"
        titleAccess={t('planReview.check.notChecked')}
      />
    );
  }
  return (
    <CancelIcon
      color="error"
      fontSize="small"
      titleAccess={t('planReview.check.failed')}
    />
  );
}

/** The CDC source database's checks: what was found and how to fix it. */
export function Preflight({ checks }: { checks: CdcPreflightCheck[] }) {
  const t = useConfluentT();
  const title = t('planReview.preflightTitle');
  return (
    <Section title={title}>
      <MuiTable size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{t('planReview.checkColumn')}</TableCell>
            <TableCell>{t('planReview.foundColumn')}</TableCell>
            <TableCell>{t('planReview.fixColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checks.map(check => (
            <TableRow key={check.id}>
              <TableCell>
                <Flex align="center" gap="2">
                  <CheckIcon status={check.status} />
                  {check.title}
                </Flex>
              </TableCell>
              <TableCell>{check.detail}</TableCell>
              <TableCell
                sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
              >
                {check.fix ?? ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    </Section>
  );
}
