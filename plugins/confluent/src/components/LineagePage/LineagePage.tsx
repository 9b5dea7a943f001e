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
import { Flex } from '@backstage/ui';
import {
  LineageSearchHit,
  LineageSearchResponse,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { confluentApiRef } from '../../api/ConfluentApi';
import { useConfluentT } from '../../translation';
import { LineageGraphView } from '../Lineage/LineageGraphView';
import { piiLabel } from '../Lineage/nodes';

const hitLabel = (hit: LineageSearchHit) =>
  hit.column ? `${hit.title}.${hit.column}` : hit.title;

const ownerName = (owner?: string) => owner?.replace(/^group:default\//, '');

/**
 * The page's state in the URL (`q`, `owner`, `pii`, `entity`, `column`), so
 * a view can be shared; the search text reaches `q` after a short pause.
 */
function useLineageSearchParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
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
  return {
    q,
    owner: params.get('owner') ?? '',
    piiOnly: params.get('pii') === 'true',
    entity: params.get('entity') ?? undefined,
    column: params.get('column') ?? undefined,
    text,
    setText,
    update,
  };
}

type SearchState = ReturnType<typeof useLineageSearchParams>;

/** The search box, the owner filter and the PII switch. */
function LineageSearchBar(props: { search: SearchState; owners: string[] }) {
  const { search, owners } = props;
  const t = useConfluentT();
  return (
    <Flex align="center" gap="4" mb="4">
      <TextField
        label={t('lineagePage.searchLabel')}
        placeholder="customers.email"
        size="small"
        value={search.text}
        onChange={e => search.setText(e.target.value)}
        sx={{ minWidth: 320 }}
        inputProps={{ 'aria-label': t('lineagePage.searchAriaLabel') }}
      />
      <FormControl size="small" sx={{ minWidth: 220 }}>
        <InputLabel id="lineage-owner-label">
          {t('lineagePage.owner')}
        </InputLabel>
        <Select
          labelId="lineage-owner-label"
          label={t('lineagePage.owner')}
          value={search.owner}
          onChange={e => search.update({ owner: e.target.value })}
        >
          <MenuItem value="">{t('lineagePage.anyOwner')}</MenuItem>
          {owners.map(o => (
            <MenuItem key={o} value={o}>
              {ownerName(o)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControlLabel
        control={
          <Switch
            checked={search.piiOnly}
            onChange={e =>
              search.update({ pii: e.target.checked ? 'true' : undefined })
            }
          />
        }
        label={t('lineagePage.piiOnly')}
      />
    </Flex>
  );
}

/** The hits, one button each; the chosen one is selected. */
function SearchResults(props: {
  search: SearchState;
  results: { loading: boolean; error?: Error; value?: LineageSearchResponse };
}) {
  const { search, results } = props;
  const t = useConfluentT();
  const hits = results.value?.hits;
  // While a new search loads, the previous hits stay under the progress bar.
  return (
    <>
      {results.loading && <Progress />}
      {results.error && <ResponseErrorPanel error={results.error} />}
      {hits && hits.length === 0 && (
        <Typography color="text.secondary" sx={{ fontSize: 14 }}>
          {search.q
            ? t('lineagePage.nothingMatchesQuery', { q: search.q })
            : t('lineagePage.nothingMatches')}
        </Typography>
      )}
      {hits && hits.length > 0 && (
        <List dense aria-label={t('lineagePage.resultsLabel')}>
          {hits.map(hit => (
            <ListItemButton
              key={`${hit.entityRef}.${hit.column ?? ''}`}
              selected={
                hit.entityRef === search.entity && hit.column === search.column
              }
              onClick={() =>
                search.update({ entity: hit.entityRef, column: hit.column })
              }
            >
              <ListItemText
                primary={hitLabel(hit)}
                primaryTypographyProps={{
                  sx: { fontFamily: 'monospace', fontSize: 14 },
                }}
                secondary={[
                  ownerName(hit.owner),
                  hit.pii && piiLabel(t, hit.pii),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItemButton>
          ))}
          {results.value?.truncated && (
            <Typography sx={{ fontSize: 13, p: 1 }} color="text.secondary">
              {t('lineagePage.truncated')}
            </Typography>
          )}
        </List>
      )}
    </>
  );
}

/**
 * The Data lineage page: search an entity or a column
 * (`customers.email`), filter by owner and personal data, and follow the
 * hit in the column lineage graph. The search and the choice live in the
 * URL, so a view can be shared.
 * @public
 */
export function LineagePage() {
  const api = useApi(confluentApiRef);
  const t = useConfluentT();
  const search = useLineageSearchParams();
  const { q, owner, piiOnly, entity, column } = search;
  const results = useAsync(
    () => api.searchLineage({ query: q, owner: owner || undefined, piiOnly }),
    [api, q, owner, piiOnly],
  );

  return (
    <Page themeId="tool">
      <Header
        title={t('lineagePage.title')}
        subtitle={t('lineagePage.subtitle')}
      />
      <Content>
        <LineageSearchBar
          search={search}
          owners={results.value?.owners ?? (owner ? [owner] : [])}
        />
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
          <Box
            sx={{
              width: 320,
              flexShrink: 0,
              maxHeight: '75vh',
              overflowY: 'auto',
            }}
          >
            <SearchResults search={search} results={results} />
          </Box>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            {entity ? (
              <LineageGraphView
                key={entity}
                entityRef={entity}
                column={column}
                onSelect={selection =>
                  search.update({
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
                {t('lineagePage.pick')}
              </Typography>
            )}
          </Box>
        </Box>
      </Content>
    </Page>
  );
}
