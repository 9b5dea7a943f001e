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
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  lineageImpact,
  lineageImpactCsv,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Stack from '@mui/material/Stack';
import DownloadIcon from '@mui/icons-material/Download';
import { confluentApiRef } from '../../api/ConfluentApi';
import { errorMessage } from '../live';
import { useConfluentT } from '../../translation';

function save(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads the downstream impact of a column (or of every column of an
 * entity): each column, entity and sink table it reaches over the whole
 * flow, with owners, as CSV or JSON.
 */
export function ImpactDownload(props: { entityRef: string; column?: string }) {
  const api = useApi(confluentApiRef);
  const t = useConfluentT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async (format: 'csv' | 'json') => {
    setBusy(true);
    setError(undefined);
    try {
      const ref = parseEntityRef(props.entityRef);
      const graph = await api.getLineageGraph(ref, {
        upstream: 0,
        downstream: 'all',
      });
      const rows = lineageImpact(graph, {
        node: graph.root,
        column: props.column,
      });
      const name = `impact-${ref.name}${
        props.column ? `.${props.column}` : ''
      }.${format}`;
      if (format === 'csv') {
        save(name, 'text/csv', lineageImpactCsv(rows));
      } else {
        save(
          name,
          'application/json',
          JSON.stringify(
            { entityRef: props.entityRef, column: props.column, impact: rows },
            null,
            2,
          ),
        );
      }
    } catch (e) {
      setError(errorMessage(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <ButtonGroup size="small" variant="outlined" disabled={busy}>
        <Button startIcon={<DownloadIcon />} onClick={() => download('csv')}>
          {t('lineage.impactCsv')}
        </Button>
        <Button onClick={() => download('json')}>
          {t('lineage.impactJson')}
        </Button>
      </ButtonGroup>
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
