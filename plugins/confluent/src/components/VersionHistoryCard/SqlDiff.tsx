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
import Box from '@mui/material/Box';
import { useConfluentT } from '../../translation';
import { SqlDiffLine } from './sqlDiff';

const PREFIX = { added: '+ ', removed: '- ', same: '  ' } as const;

/** A line diff of SQL, added lines green and removed ones red. */
export function SqlDiff(props: { lines: SqlDiffLine[]; label: string }) {
  const { lines, label } = props;
  const t = useConfluentT();
  return (
    <Box
      component="pre"
      role="figure"
      aria-label={label}
      sx={{
        m: 0,
        p: 1,
        fontFamily: 'monospace',
        fontSize: '0.8rem',
        overflowX: 'auto',
        bgcolor: 'action.hover',
        borderRadius: 1,
      }}
    >
      {lines.map((line, i) =>
        line.kind === 'skipped' ? (
          <Box
            key={i}
            component="span"
            data-diff="skipped"
            sx={{ display: 'block', color: 'text.secondary' }}
          >
            {t('historyCard.unchanged', { count: line.count })}
          </Box>
        ) : (
          <Box
            key={i}
            component="span"
            data-diff={line.kind}
            sx={{
              display: 'block',
              whiteSpace: 'pre',
              ...(line.kind === 'added'
                ? { bgcolor: 'rgba(46, 160, 67, 0.2)' }
                : {}),
              ...(line.kind === 'removed'
                ? { bgcolor: 'rgba(248, 81, 73, 0.2)' }
                : {}),
            }}
          >
            {`${PREFIX[line.kind]}${line.text}`}
          </Box>
        ),
      )}
    </Box>
  );
}
