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
import { ReactElement } from 'react';
import Chip, { ChipProps } from '@mui/material/Chip';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import CancelIcon from '@mui/icons-material/Cancel';
import StopCircleOutlinedIcon from '@mui/icons-material/StopCircleOutlined';
import StopCircleIcon from '@mui/icons-material/StopCircle';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import PauseCircleOutlineIcon from '@mui/icons-material/PauseCircleOutline';
import { useConfluentT } from '../translation';
import {
  CONNECTOR_STATE_TEXTS,
  STATEMENT_PHASE_TEXTS,
  UNKNOWN_STATE_TEXT,
} from './stateTexts';

/** How a state is shown: its colour and icon, and what it means. */
export interface StateStyle {
  color: NonNullable<ChipProps['color']>;
  icon: ReactElement;
  /** What it means, in English. */
  description: string;
  /**
   * Its `confluentTranslationRef` key, for the viewer's language; absent
   * when the description is Confluent's own text.
   */
  messageKey?: StateMessageKey;
}

/** The translation keys of the states' descriptions. */
export type StateMessageKey =
  | `states.statement.${keyof typeof STATEMENT_PHASE_TEXTS}`
  | `states.connector.${keyof typeof CONNECTOR_STATE_TEXTS}`
  | 'states.unknown';

/**
 * Every Flink statement phase the API documents. Unknown future phases get
 * a neutral style (see {@link statementPhaseStyle}).
 */
export const STATEMENT_PHASE_STYLES: Record<string, StateStyle> = {
  PENDING: {
    color: 'info',
    icon: <HourglassEmptyIcon />,
    description: STATEMENT_PHASE_TEXTS.PENDING,
    messageKey: 'states.statement.PENDING',
  },
  RUNNING: {
    color: 'success',
    icon: <CheckCircleIcon />,
    description: STATEMENT_PHASE_TEXTS.RUNNING,
    messageKey: 'states.statement.RUNNING',
  },
  DEGRADED: {
    color: 'warning',
    icon: <WarningAmberIcon />,
    description: STATEMENT_PHASE_TEXTS.DEGRADED,
    messageKey: 'states.statement.DEGRADED',
  },
  FAILING: {
    color: 'error',
    icon: <ErrorOutlineIcon />,
    description: STATEMENT_PHASE_TEXTS.FAILING,
    messageKey: 'states.statement.FAILING',
  },
  FAILED: {
    color: 'error',
    icon: <CancelIcon />,
    description: STATEMENT_PHASE_TEXTS.FAILED,
    messageKey: 'states.statement.FAILED',
  },
  STOPPING: {
    color: 'default',
    icon: <StopCircleOutlinedIcon />,
    description: STATEMENT_PHASE_TEXTS.STOPPING,
    messageKey: 'states.statement.STOPPING',
  },
  STOPPED: {
    color: 'default',
    icon: <StopCircleIcon />,
    description: STATEMENT_PHASE_TEXTS.STOPPED,
    messageKey: 'states.statement.STOPPED',
  },
  COMPLETED: {
    color: 'success',
    icon: <TaskAltIcon />,
    description: STATEMENT_PHASE_TEXTS.COMPLETED,
    messageKey: 'states.statement.COMPLETED',
  },
  DELETING: {
    color: 'default',
    icon: <DeleteOutlineIcon />,
    description: STATEMENT_PHASE_TEXTS.DELETING,
    messageKey: 'states.statement.DELETING',
  },
};

const UNKNOWN: StateStyle = {
  color: 'default',
  icon: <HelpOutlineIcon />,
  description: UNKNOWN_STATE_TEXT,
  messageKey: 'states.unknown',
};

/** The style of a statement phase, neutral for phases added later. */
export function statementPhaseStyle(phase: string): StateStyle {
  return STATEMENT_PHASE_STYLES[phase] ?? UNKNOWN;
}

/** Connector and task states (`NONE`, `PROVISIONING`, … and free text). */
export const CONNECTOR_STATE_STYLES: Record<string, StateStyle> = {
  PROVISIONING: {
    color: 'info',
    icon: <HourglassEmptyIcon />,
    description: CONNECTOR_STATE_TEXTS.PROVISIONING,
    messageKey: 'states.connector.PROVISIONING',
  },
  RUNNING: {
    color: 'success',
    icon: <CheckCircleIcon />,
    description: CONNECTOR_STATE_TEXTS.RUNNING,
    messageKey: 'states.connector.RUNNING',
  },
  DEGRADED: {
    color: 'warning',
    icon: <WarningAmberIcon />,
    description: CONNECTOR_STATE_TEXTS.DEGRADED,
    messageKey: 'states.connector.DEGRADED',
  },
  FAILED: {
    color: 'error',
    icon: <CancelIcon />,
    description: CONNECTOR_STATE_TEXTS.FAILED,
    messageKey: 'states.connector.FAILED',
  },
  PAUSED: {
    color: 'default',
    icon: <PauseCircleOutlineIcon />,
    description: CONNECTOR_STATE_TEXTS.PAUSED,
    messageKey: 'states.connector.PAUSED',
  },
  DELETED: {
    color: 'default',
    icon: <DeleteOutlineIcon />,
    description: CONNECTOR_STATE_TEXTS.DELETED,
    messageKey: 'states.connector.DELETED',
  },
  NONE: {
    color: 'default',
    icon: <HelpOutlineIcon />,
    description: CONNECTOR_STATE_TEXTS.NONE,
    messageKey: 'states.connector.NONE',
  },
};

/** The style of a connector or task state, neutral for unknown ones. */
export function connectorStateStyle(state: string): StateStyle {
  return CONNECTOR_STATE_STYLES[state] ?? UNKNOWN;
}

/** A coloured chip with an icon for a state. */
export function StateChip(props: {
  state: string;
  style: StateStyle;
  size?: 'small' | 'medium';
}) {
  const { state, style, size } = props;
  const t = useConfluentT();
  return (
    <Chip
      label={state || t('common.unknownState')}
      color={style.color}
      icon={style.icon}
      size={size}
      title={style.messageKey ? t(style.messageKey) : style.description}
      variant={style.color === 'default' ? 'outlined' : 'filled'}
    />
  );
}
