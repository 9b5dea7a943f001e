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
import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ConfluentStatementStatus } from '@shiftleft/plugin-confluent-common';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { useConfluentT } from '../cards';

/** Phases a statement can be stopped in (PENDING cannot be stopped yet). */
const STOPPABLE = new Set(['RUNNING', 'DEGRADED', 'FAILING']);

/** Props of {@link StatementActions}. */
export interface StatementActionsProps {
  status: ConfluentStatementStatus;
  /** Shows the new status the action returned. */
  onChanged(status: ConfluentStatementStatus): void;
  /** Present when the viewer may stop and resume the statement. */
  onStop?: () => Promise<ConfluentStatementStatus>;
  onResume?: () => Promise<ConfluentStatementStatus>;
}

/**
 * Stop (after a confirmation) and Resume, each where the phase allows it;
 * a failed action is reported through the alert API.
 */
export function StatementActions(props: StatementActionsProps) {
  const { status, onChanged, onStop, onResume } = props;
  const t = useConfluentT();
  const alertApi = useApi(alertApiRef);
  const [confirmStop, setConfirmStop] = useState(false);
  const [busy, setBusy] = useState(false);
  const details = status.statement;
  const phase = details?.phase ?? 'UNKNOWN';

  const run = async (action: () => Promise<ConfluentStatementStatus>) => {
    setBusy(true);
    try {
      onChanged(await action());
    } catch (e) {
      alertApi.post({
        message: t('statementCard.changeFailed', {
          name: status.name,
          message: (e as Error).message,
        }),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {onStop && details && STOPPABLE.has(phase) && !details.stopped && (
        <Button
          variant="outlined"
          color="warning"
          size="small"
          startIcon={<StopIcon />}
          disabled={busy}
          onClick={() => setConfirmStop(true)}
        >
          {t('statementCard.stop')}
        </Button>
      )}
      {onResume && details && phase === 'STOPPED' && (
        <Button
          variant="outlined"
          size="small"
          startIcon={<PlayArrowIcon />}
          disabled={busy}
          onClick={() => run(onResume)}
        >
          {t('statementCard.resume')}
        </Button>
      )}
      <Dialog open={confirmStop} onClose={() => setConfirmStop(false)}>
        <DialogTitle>
          {t('statementCard.stopTitle', { name: status.name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{t('statementCard.stopText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmStop(false)}>
            {t('statementCard.cancel')}
          </Button>
          <Button
            color="warning"
            onClick={() => {
              setConfirmStop(false);
              if (onStop) run(onStop);
            }}
          >
            {t('statementCard.stop')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
