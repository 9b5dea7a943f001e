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
import { useEffect, useState } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { LineageSearchHit } from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { confluentApiRef } from '../../api/ConfluentApi';
import { LineageGraphView } from '../Lineage/LineageGraphView';
import { PII_LABEL } from '../Lineage/nodes';

const hitLabel = (hit: LineageSearchHit) =>
  hit.column ? `${hit.title}.${hit.column}` : hit.title;

/**
 * The Data lineage page: search an entity or a column
 * (`customers.email`), filter by owner and personal data, and follow the
 * hit in the column lineage graph. The search and the choice live in the
 * URL, so a view can be shared.
 * @public
 */
export function LineagePage() {
  const api = useApi(confluentApiRef);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const owner = params.get('owner') ?? '';
  const piiOnly = params.get('pii') === 'true';
  const entity = params.get('entity') ?? undefined;
  const column = params.get('column') ?? undefined;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  useDebounce(() => text !== q && update({ q: text }), 300, [text]);

  const results = useAsync(
    () => api.searchLineage({ query: q, owner: owner || undefined, piiOnly }),
    [api, q, owner, piiOnly],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Data lineage"
        subtitle="Where every column comes from and where it goes"
      />
      <Content>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
          <TextField
            label="Entity or column"
            placeholder="customers.email"
            size="small"
            value={text}
            onChange={e => setText(e.target.value)}
            sx={{ minWidth: 320 }}
            inputProps={{ 'aria-label': 'Search an entity or a column' }}
          />
          <FormControl size="small" sx={{ minWidth: 220 }}>
            <InputLabel id="lineage-owner-label">Owner</InputLabel>
            <Select
              labelId="lineage-owner-label"
              label="Owner"
              value={owner}
              onChange={e => update({ owner: e.target.value })}
            >
              <MenuItem value="">Any owner</MenuItem>
              {(results.value?.owners ?? (owner ? [owner] : [])).map(o => (
                <MenuItem key={o} value={o}>
                  {o.replace(/^group:default\//, '')}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControlLabel
            control={
              <Switch
                checked={piiOnly}
                onChange={e =>
                  update({ pii: e.target.checked ? 'true' : undefined })
                }
              />
            }
            label="PII only"
          />
        </Stack>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
          <Box
            sx={{
              width: 320,
              flexShrink: 0,
              maxHeight: '75vh',
              overflowY: 'auto',
            }}
          >
            {results.loading && <Progress />}
            {results.error && <ResponseErrorPanel error={results.error} />}
            {results.value && results.value.hits.length === 0 && (
              <Typography color="text.secondary" sx={{ fontSize: 14 }}>
                Nothing matches{q ? ` "${q}"` : ''}.
              </Typography>
            )}
            {results.value && results.value.hits.length > 0 && (
              <List dense aria-label="Search results">
                {results.value.hits.map(hit => (
                  <ListItemButton
                    key={`${hit.entityRef}.${hit.column ?? ''}`}
                    selected={hit.entityRef === entity && hit.column === column}
                    onClick={() =>
                      update({ entity: hit.entityRef, column: hit.column })
                    }
                  >
                    <ListItemText
                      primary={hitLabel(hit)}
                      primaryTypographyProps={{
                        sx: { fontFamily: 'monospace', fontSize: 14 },
                      }}
                      secondary={[
                        hit.owner?.replace(/^group:default\//, ''),
                        hit.pii && PII_LABEL[hit.pii],
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  </ListItemButton>
                ))}
                {results.value.truncated && (
                  <Typography
                    sx={{ fontSize: 13, p: 1 }}
                    color="text.secondary"
                  >
                    More match; refine the search.
                  </Typography>
                )}
              </List>
            )}
          </Box>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            {entity ? (
              <LineageGraphView
                key={entity}
                entityRef={entity}
                column={column}
                onSelect={selection =>
                  update({
                    column:
                      selection?.node === entity.toLocaleLowerCase('en-US')
                        ? selection.column
                        : undefined,
                  })
                }
                height="70vh"
              />
            ) : (
              <Typography color="text.secondary" sx={{ fontSize: 14, mt: 1 }}>
                Search an entity or a column, then pick a result to see its
                lineage.
              </Typography>
            )}
          </Box>
        </Box>
      </Content>
    </Page>
  );
}
