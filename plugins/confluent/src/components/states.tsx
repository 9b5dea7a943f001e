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

/** How a state is shown: its colour and icon, and what it means. */
export interface StateStyle {
  color: NonNullable<ChipProps['color']>;
  icon: ReactElement;
  description: string;
}

/**
 * Every Flink statement phase the API documents. Unknown future phases get
 * a neutral style (see {@link statementPhaseStyle}).
 */
export const STATEMENT_PHASE_STYLES: Record<string, StateStyle> = {
  PENDING: {
    color: 'info',
    icon: <HourglassEmptyIcon />,
    description: 'Waiting to run',
  },
  RUNNING: {
    color: 'success',
    icon: <CheckCircleIcon />,
    description: 'Running',
  },
  DEGRADED: {
    color: 'warning',
    icon: <WarningAmberIcon />,
    description: 'Running with reduced performance or partial failures',
  },
  FAILING: {
    color: 'error',
    icon: <ErrorOutlineIcon />,
    description: 'Failing; not stopped yet',
  },
  FAILED: {
    color: 'error',
    icon: <CancelIcon />,
    description: 'Failed; it no longer runs',
  },
  STOPPING: {
    color: 'default',
    icon: <StopCircleOutlinedIcon />,
    description: 'Stopping',
  },
  STOPPED: {
    color: 'default',
    icon: <StopCircleIcon />,
    description: 'Stopped; it can be resumed',
  },
  COMPLETED: {
    color: 'success',
    icon: <TaskAltIcon />,
    description: 'Finished',
  },
  DELETING: {
    color: 'default',
    icon: <DeleteOutlineIcon />,
    description: 'Being deleted',
  },
};

const UNKNOWN: StateStyle = {
  color: 'default',
  icon: <HelpOutlineIcon />,
  description: 'A phase this version of the card does not know',
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
    description: 'Being provisioned',
  },
  RUNNING: {
    color: 'success',
    icon: <CheckCircleIcon />,
    description: 'Running',
  },
  DEGRADED: {
    color: 'warning',
    icon: <WarningAmberIcon />,
    description: 'Running with failed tasks',
  },
  FAILED: {
    color: 'error',
    icon: <CancelIcon />,
    description: 'Failed',
  },
  PAUSED: {
    color: 'default',
    icon: <PauseCircleOutlineIcon />,
    description: 'Paused',
  },
  DELETED: {
    color: 'default',
    icon: <DeleteOutlineIcon />,
    description: 'Deleted',
  },
  NONE: {
    color: 'default',
    icon: <HelpOutlineIcon />,
    description: 'No state reported yet',
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
  return (
    <Chip
      label={state || 'UNKNOWN'}
      color={style.color}
      icon={style.icon}
      size={size}
      title={style.description}
      variant={style.color === 'default' ? 'outlined' : 'filled'}
    />
  );
}
