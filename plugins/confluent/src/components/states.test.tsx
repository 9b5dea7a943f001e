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
import { render as renderDom, screen } from '@testing-library/react';
import { errorApiRef } from '@backstage/core-plugin-api';
import { translationApiRef } from '@backstage/core-plugin-api/alpha';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { CONFLUENT_STATEMENT_PHASES } from '@shiftleft/plugin-confluent-common';
import { connectorStateStyle, StateChip, statementPhaseStyle } from './states';

// The chips read their descriptions through the translation API (which
// reports loading failures to the error API). Backstage's test utilities
// load its theme, which prefixes MUI 5 class names with `v5-` as the app
// does.
const render = (ui: ReactElement) =>
  renderDom(
    <TestApiProvider
      apis={[
        [translationApiRef, mockApis.translation()],
        [errorApiRef, { post: jest.fn(), error$: jest.fn() }],
      ]}
    >
      {ui}
    </TestApiProvider>,
  );

// What a viewer sees for each phase: the label, the chip's colour and icon.
const EXPECTED: Record<string, [color: string, icon: string]> = {
  PENDING: ['Info', 'HourglassEmptyIcon'],
  RUNNING: ['Success', 'CheckCircleIcon'],
  DEGRADED: ['Warning', 'WarningAmberIcon'],
  FAILING: ['Error', 'ErrorOutlineIcon'],
  FAILED: ['Error', 'CancelIcon'],
  STOPPING: ['Default', 'StopCircleOutlinedIcon'],
  STOPPED: ['Default', 'StopCircleIcon'],
  COMPLETED: ['Success', 'TaskAltIcon'],
  DELETING: ['Default', 'DeleteOutlineIcon'],
};

describe('statement phase chips', () => {
  it('styles every documented phase', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(
      [...CONFLUENT_STATEMENT_PHASES].sort(),
    );
  });

  it.each(Object.entries(EXPECTED))(
    '%s: label, colour and icon',
    (phase, [color, icon]) => {
      render(<StateChip state={phase} style={statementPhaseStyle(phase)} />);
      const chip = screen.getByText(phase).closest('.v5-MuiChip-root')!;
      expect(chip).toHaveClass(`v5-MuiChip-color${color}`);
      expect(chip.querySelector(`[data-testid="${icon}"]`)).not.toBeNull();
      expect(chip).toHaveAttribute(
        'title',
        statementPhaseStyle(phase).description,
      );
    },
  );

  it('shows a phase Confluent adds later neutrally, as it is named', () => {
    render(
      <StateChip
        state="RECOVERING"
        style={statementPhaseStyle('RECOVERING')}
      />,
    );
    const chip = screen.getByText('RECOVERING').closest('.v5-MuiChip-root')!;
    expect(chip).toHaveClass('v5-MuiChip-colorDefault');
    expect(
      chip.querySelector('[data-testid="HelpOutlineIcon"]'),
    ).not.toBeNull();
  });

  it('styles connector and task states, unknown ones neutrally', () => {
    expect(connectorStateStyle('RUNNING').color).toBe('success');
    expect(connectorStateStyle('FAILED').color).toBe('error');
    expect(connectorStateStyle('PAUSED').color).toBe('default');
    expect(connectorStateStyle('PROVISIONING').color).toBe('info');
    expect(connectorStateStyle('UNASSIGNED').color).toBe('default');
  });
});
