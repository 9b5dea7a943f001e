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
import { INDIRECT_DASH, lineageEdgeStyle } from './edgeStyle';

const palette = { flow: 'grey', column: 'black', path: 'blue' };
const idle = { palette, onPath: false, active: false };

describe('lineageEdgeStyle', () => {
  it('draws direct inputs solid and conditional (indirect) inputs dashed', () => {
    expect(
      lineageEdgeStyle({ kind: 'column', input: 'direct' }, idle)
        .strokeDasharray,
    ).toBeUndefined();
    expect(
      lineageEdgeStyle({ kind: 'column', input: 'indirect' }, idle)
        .strokeDasharray,
    ).toBe(INDIRECT_DASH);
    // A computed value is still a direct input: solid.
    expect(
      lineageEdgeStyle({ kind: 'column' }, idle).strokeDasharray,
    ).toBeUndefined();
    expect(
      lineageEdgeStyle({ kind: 'flow' }, idle).strokeDasharray,
    ).toBeUndefined();
  });

  it('keeps the dash on the selected path and fades what is off it', () => {
    expect(
      lineageEdgeStyle(
        { kind: 'column', input: 'indirect' },
        { palette, onPath: true, active: true },
      ),
    ).toEqual({
      stroke: 'blue',
      strokeWidth: 3,
      strokeDasharray: INDIRECT_DASH,
      opacity: 1,
    });
    expect(
      lineageEdgeStyle(
        { kind: 'column', input: 'direct' },
        { palette, onPath: false, active: true },
      ),
    ).toMatchObject({ stroke: 'black', opacity: 0.2 });
  });
});
