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
import useDebounce from 'react-use/esm/useDebounce';
import CodeMirror from '@uiw/react-codemirror';
import { PostgreSQL, sql, SQLDialect, StandardSQL } from '@codemirror/lang-sql';
import { Diagnostic, setDiagnostics } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Typography from '@mui/material/Typography';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  FlinkSqlProblem,
  FlinkSqlValidation,
} from '@shiftleft/plugin-confluent-common';
import { confluentApiRef } from '../api/ConfluentApi';
import { ConfluentTranslate, useConfluentT } from '../translation';

/**
 * Flink SQL for highlighting: standard SQL's words (a dialect's `keywords`
 * replace the defaults, so they are taken from the PostgreSQL dialect, a
 * superset) plus Flink's and Confluent's (watermarks, windows, temporal
 * joins, materialized tables), with backticked identifiers, where
 * `${product}` lives.
 */
const FlinkSQL = SQLDialect.define({
  ...StandardSQL.spec,
  keywords: `${PostgreSQL.spec.keywords} watermark enforced system_time interval preceding following unbounded over window partition range rows tumble hop cumulate session descriptor lateral unnest temporary modify distributed buckets materialized freshness refresh_mode start_mode statement execute begin end if exists comment like excluding including options`,
  types: `${PostgreSQL.spec.types} string bytes multiset timestamp_ltz`,
  identifierQuotes: '`',
});

const extensions = [sql({ dialect: FlinkSQL })];

/** Places a located problem in the document. */
function toDiagnostic(view: EditorView, p: FlinkSqlProblem): Diagnostic {
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
  return {
    from,
    to: Math.min(from + 1, line.to),
    severity: 'error',
    message: p.message,
  };
}

function describe(t: ConfluentTranslate, result: FlinkSqlValidation): string {
  const [first] = result.problems;
  if (first) {
    return t('flinkSqlEditor.problem', {
      line: String(first.line),
      column: String(first.column),
      message: first.message,
    });
  }
  const reads = result.sources?.length
    ? t('flinkSqlEditor.reads', { sources: result.sources.join(', ') })
    : '';
  const writes = result.sinks?.length
    ? t('flinkSqlEditor.writes', { sinks: result.sinks.join(', ') })
    : '';
  return t('flinkSqlEditor.valid', {
    kind: String(result.kind),
    reads,
    writes,
  });
}

/**
 * `ui:options` of the FlinkSqlEditor field.
 * @public
 */
export interface FlinkSqlEditorUiOptions {
  /**
   * The form field holding a data product's entity ref: while the editor
   * is empty, it is filled with that product's current SQL (read by its
   * owners only).
   */
  prefillFromEntity?: string;
}

/**
 * A Flink SQL editor for scaffolder forms (`ui:field: FlinkSqlEditor`):
 * CodeMirror with Flink SQL highlighting, validated as you type by the
 * lineage library's parser (the backend's `POST /sql/validate`), which
 * marks the line and column of a problem.
 *
 * @public
 */
export function FlinkSqlEditorField(
  props: FieldExtensionComponentProps<string, FlinkSqlEditorUiOptions>,
) {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const confluentApi = useApi(confluentApiRef);
  const t = useConfluentT();
  const [view, setView] = useState<EditorView>();
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  const [problems, setProblems] = useState<FlinkSqlProblem[]>([]);

  // An empty editor starts from the chosen product's current SQL.
  const prefillField = props.uiSchema?.['ui:options']?.prefillFromEntity;
  const prefillRef = prefillField
    ? (props.formContext?.formData?.[prefillField] as string | undefined)
    : undefined;
  const [prefilledFrom, setPrefilledFrom] = useState<string>();
  useEffect(() => {
    if (!prefillRef || prefilledFrom === prefillRef) return;
    if (formData?.trim() || !confluentApi.getProductSql) return;
    let entity;
    try {
      entity = parseEntityRef(prefillRef, { defaultKind: 'api' });
    } catch {
      return;
    }
    setPrefilledFrom(prefillRef);
    confluentApi.getProductSql(entity).then(
      result => onChange(result.sql),
      error =>
        setStatus({
          text: t('flinkSqlEditor.prefillFailed', {
            ref: prefillRef,
            message: (error as Error).message,
          }),
          error: true,
        }),
    );
  }, [prefillRef, prefilledFrom, formData, confluentApi, onChange, t]);

  // Validated a moment after typing stops, by the backend's parser.
  useDebounce(
    () => {
      const text = formData ?? '';
      if (!text.trim()) {
        setStatus(undefined);
        setProblems([]);
        return;
      }
      confluentApi.validateSql(text).then(
        result => {
          setStatus({
            text: describe(t, result),
            error: !!result.problems[0],
          });
          setProblems(result.problems);
        },
        error =>
          setStatus({
            text: t('flinkSqlEditor.validateFailed', {
              message: (error as Error).message,
            }),
            error: true,
          }),
      );
    },
    400,
    [formData, confluentApi, t],
  );
  // The problems, marked where they are in the editor.
  useEffect(() => {
    if (!view) return;
    view.dispatch(
      setDiagnostics(
        view.state,
        problems.map(p => toDiagnostic(view, p)),
      ),
    );
  }, [view, problems]);

  const label = schema.title ?? t('flinkSqlEditor.label');
  return (
    <Box sx={{ mb: 2 }}>
      <FormLabel required={required} htmlFor={idSchema?.$id}>
        {label}
      </FormLabel>
      <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, mt: 0.5 }}>
        <CodeMirror
          id={idSchema?.$id}
          aria-label={label}
          value={formData ?? ''}
          onChange={value => onChange(value)}
          extensions={extensions}
          onCreateEditor={setView}
          basicSetup={{ foldGutter: false }}
          minHeight="6em"
          maxHeight="24em"
        />
      </Box>
      {status && (
        <Typography
          variant="body2"
          role="status"
          data-testid="flink-sql-status"
          color={status.error ? 'error' : 'text.secondary'}
          sx={{ mt: 0.5, fontFamily: 'monospace', wordBreak: 'break-word' }}
        >
          {status.text}
        </Typography>
      )}
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {rawErrors?.length > 0 && (
        <FormHelperText error>{rawErrors.join(' ')}</FormHelperText>
      )}
    </Box>
  );
}
