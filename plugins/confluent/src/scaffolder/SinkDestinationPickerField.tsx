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
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { SinkDestination } from '@shiftleft/plugin-confluent-common';
import { confluentApiRef } from '../api/ConfluentApi';
import { useConfluentT } from '../translation';

/**
 * `ui:options` of the sink destination picker.
 * @public
 */
export interface SinkDestinationPickerUiOptions {
  /**
   * The sibling field holding the sink's system (`postgres`, `redshift`,
   * `snowflake`): only destinations of that system are offered. Default
   * `type`. Without a value there, every destination is offered.
   */
  typeField?: string;
  /**
   * The choice of no destination, for the systems where the template has a
   * default (the template: a PostgreSQL sink writes to the source database).
   */
  noDestination?: { types: string[]; label: string };
}

const SYSTEMS: Record<string, string> = {
  postgres: 'PostgreSQL',
  redshift: 'Redshift',
  snowflake: 'Snowflake',
};

const NONE = '';

/**
 * The object holding the field whose id is `id` (`root_sinks_0_connection`
 * → `formData.sinks[0]`), so a field in an array item can read its
 * siblings. Keys may contain `_`: the longest matching key wins.
 */
export function containingObject(
  formData: unknown,
  id: string,
): Record<string, unknown> | undefined {
  let rest = id.replace(/^root_?/, '');
  let node: unknown = formData;
  let parent: unknown = undefined;
  while (rest) {
    if (Array.isArray(node)) {
      const index = /^(\d+)(?:_|$)/.exec(rest);
      if (!index) return undefined;
      parent = node;
      node = node[Number(index[1])];
      rest = rest.slice(index[0].length);
    } else if (node && typeof node === 'object') {
      const remaining = rest;
      const key = Object.keys(node)
        .sort((a, b) => b.length - a.length)
        .find(k => remaining === k || remaining.startsWith(`${k}_`));
      // The field itself is absent while empty: this is its object.
      if (!key) return node as Record<string, unknown>;
      parent = node;
      node = (node as Record<string, unknown>)[key];
      rest = rest.slice(key.length + 1);
    } else {
      return undefined;
    }
  }
  return parent && typeof parent === 'object' && !Array.isArray(parent)
    ? (parent as Record<string, unknown>)
    : undefined;
}

/**
 * The `ConfluentSinkDestination` field: picks one of the sink destinations
 * the platform team configured (`confluent.scaffolder.sinks`), by name,
 * among those of the sink's system. It shows names and systems only (the
 * backend never answers more); with none configured it says so and offers
 * nothing to pick. A value that is not a configured destination (a stale
 * default, a crafted URL) is cleared. The plan refuses unconfigured names
 * anyway: this is what the user sees, the backend is what enforces.
 *
 * @public
 */
export function SinkDestinationPickerField(
  props: FieldExtensionComponentProps<
    string | undefined,
    SinkDestinationPickerUiOptions
  >,
) {
  const { formData, onChange, schema, uiSchema, rawErrors, required } = props;
  const idSchema = props.idSchema;
  const options = uiSchema?.['ui:options'] ?? {};
  const typeField = options.typeField ?? 'type';
  const confluentApi = useApi(confluentApiRef);
  const t = useConfluentT();
  const state = useAsync(
    () => confluentApi.listSinkDestinations(),
    [confluentApi],
  );

  const formContext = (props.formContext ??
    (props as any).registry?.formContext) as { formData?: unknown };
  const sibling = containingObject(formContext?.formData, idSchema?.$id ?? '');
  const sinkType =
    typeof sibling?.[typeField] === 'string'
      ? (sibling[typeField] as string)
      : undefined;
  const choices: SinkDestination[] = useMemo(
    () =>
      (state.value?.destinations ?? []).filter(
        d => !sinkType || d.type === sinkType,
      ),
    [state.value, sinkType],
  );
  const noDestination =
    options.noDestination &&
    sinkType &&
    options.noDestination.types.includes(sinkType)
      ? options.noDestination.label
      : undefined;
  const stale =
    !state.loading &&
    !state.error &&
    Boolean(formData) &&
    !choices.some(d => d.name === formData);

  // Only a configured destination of this system can stay chosen.
  useEffect(() => {
    if (stale) onChange(undefined);
  }, [stale, onChange]);

  const label = schema.title ?? t('sinkDestination.label');
  const system = sinkType ? SYSTEMS[sinkType] ?? sinkType : undefined;
  // With no destination for the system, say so, unless "no destination"
  // is a choice of its own (the source database).
  const empty =
    !state.loading && !state.error && choices.length === 0 && !noDestination;
  const id = idSchema?.$id;

  return (
    <Box sx={{ mb: 2 }}>
      <TextField
        id={id}
        select
        fullWidth
        label={label}
        required={required && !noDestination}
        value={!state.loading && !stale && formData ? formData : NONE}
        disabled={state.loading || Boolean(state.error) || empty}
        onChange={e => onChange(e.target.value ? e.target.value : undefined)}
        error={rawErrors?.length > 0}
        SelectProps={{ displayEmpty: Boolean(noDestination) }}
        InputLabelProps={noDestination ? { shrink: true } : undefined}
      >
        {noDestination && <MenuItem value={NONE}>{noDestination}</MenuItem>}
        {choices.map(d => (
          <MenuItem key={d.name} value={d.name}>
            {d.name}
            {!sinkType && ` (${SYSTEMS[d.type] ?? d.type})`}
          </MenuItem>
        ))}
      </TextField>
      {state.error && (
        <FormHelperText error>
          {t('sinkDestination.loadFailed', {
            message: state.error.message,
          })}
        </FormHelperText>
      )}
      {empty && (
        <Typography
          variant="body2"
          role="status"
          color="error"
          sx={{ mt: 0.5 }}
        >
          {system
            ? t('sinkDestination.noneConfiguredFor', { system })
            : t('sinkDestination.noneConfigured')}
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
