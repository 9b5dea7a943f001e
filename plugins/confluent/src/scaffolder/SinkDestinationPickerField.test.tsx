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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { translationApiRef } from '@backstage/core-plugin-api/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { SinkDestinationsResponse } from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { confluentSinkDestinationField } from '../alpha';
import { confluentApiRef } from '../api/ConfluentApi';
import { ConfluentApiClient } from '../api/ConfluentApiClient';
import { BASE } from '../__testUtils__/render';
import { pseudoTranslationApi } from '../__testUtils__/pseudoTranslation';
import {
  containingObject,
  SinkDestinationPickerField,
} from './SinkDestinationPickerField';

const server = setupServer();
registerMswTestHooks(server);

const URL = `${BASE}/scaffolder/sink-destinations`;
const CONFIGURED: SinkDestinationsResponse = {
  destinations: [
    { name: 'analytics-redshift', type: 'redshift' },
    { name: 'analytics-snowflake', type: 'snowflake' },
    { name: 'finance-snowflake', type: 'snowflake' },
    { name: 'crm-postgres', type: 'postgres' },
  ],
};

/** The template's sink item options. */
const UI_OPTIONS = {
  typeField: 'type',
  noDestination: { types: ['postgres'], label: 'The source database' },
};

async function renderPicker(options: {
  destinations: SinkDestinationsResponse | 'error';
  type?: string;
  value?: string;
  /** Shown in the pseudo-locale of `pseudoTranslationApi`. */
  pseudoLocale?: boolean;
}) {
  server.use(
    http.get(URL, () =>
      options.destinations === 'error'
        ? HttpResponse.json(
            { error: { name: 'Error', message: 'boom' } },
            { status: 500 },
          )
        : HttpResponse.json(options.destinations),
    ),
  );
  const onChange = jest.fn();
  const client = new ConfluentApiClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [confluentApiRef, client],
        ...(options.pseudoLocale
          ? [[translationApiRef, pseudoTranslationApi()] as const]
          : []),
      ]}
    >
      <SinkDestinationPickerField
        {...({} as any)}
        formData={options.value}
        onChange={onChange}
        schema={
          options.pseudoLocale
            ? { type: 'string' }
            : { title: 'Destination', type: 'string' }
        }
        uiSchema={{ 'ui:options': UI_OPTIONS }}
        rawErrors={[]}
        idSchema={{ $id: 'root_sinks_1_connection' }}
        formContext={{
          formData: {
            name: 'orders',
            sinks: [
              { type: 'postgres', table: 'a' },
              {
                type: options.type,
                table: 'b',
                ...(options.value ? { connection: options.value } : {}),
              },
            ],
          },
        }}
      />
    </TestApiProvider>,
  );
  return { onChange };
}

async function openOptions() {
  const select = await screen.findByRole('combobox');
  await waitFor(() => expect(select).not.toHaveAttribute('aria-disabled'));
  await userEvent.click(select);
  return within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent);
}

describe('SinkDestinationPickerField', () => {
  it('offers only the configured destinations of the sink’s system, and picks one by name', async () => {
    const { onChange } = await renderPicker({
      destinations: CONFIGURED,
      type: 'snowflake',
    });
    expect(await openOptions()).toEqual([
      'analytics-snowflake',
      'finance-snowflake',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'finance-snowflake' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('finance-snowflake');
  });

  it('offers the source database beside the configured PostgreSQL destinations', async () => {
    await renderPicker({ destinations: CONFIGURED, type: 'postgres' });
    expect(await openOptions()).toEqual([
      'The source database',
      'crm-postgres',
    ]);
  });

  it('says that none is configured and offers nothing for a warehouse sink', async () => {
    const { onChange } = await renderPicker({
      destinations: { destinations: [] },
      type: 'snowflake',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'No Snowflake destination is configured on this portal: this sink cannot be created. Your platform team can add one under confluent.scaffolder.sinks; meanwhile remove this sink.',
    );
    expect(screen.getByRole('combobox')).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(onChange).not.toHaveBeenCalledWith(expect.any(String));
  });

  it('leaves a PostgreSQL sink on the source database when none is configured', async () => {
    await renderPicker({
      destinations: { destinations: [] },
      type: 'postgres',
    });
    expect(await openOptions()).toEqual(['The source database']);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('clears a value that is not a configured destination of this system', async () => {
    const { onChange } = await renderPicker({
      destinations: CONFIGURED,
      type: 'redshift',
      value: 'workshop-redshift',
    });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
    // Nor may a destination of another system stay chosen.
    const other = await renderPicker({
      destinations: CONFIGURED,
      type: 'redshift',
      value: 'analytics-snowflake',
    });
    await waitFor(() => expect(other.onChange).toHaveBeenCalledWith(undefined));
  });

  it('says when the destinations cannot be loaded', async () => {
    await renderPicker({ destinations: 'error', type: 'snowflake' });
    expect(
      await screen.findByText(/Could not load the configured destinations/),
    ).toBeInTheDocument();
  });

  it('words its label and messages through the translation ref', async () => {
    await renderPicker({
      destinations: { destinations: [] },
      type: 'snowflake',
      pseudoLocale: true,
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      '⟦sinkDestination.noneConfiguredFor system=Snowflake⟧',
    );
    expect(screen.getByLabelText('⟦sinkDestination.label⟧')).toBeVisible();
  });
});

describe('containingObject', () => {
  it('finds the array item a field belongs to, keys with underscores included', () => {
    const data = { sink_list: [{ type: 'a' }, { type: 'b', connection: 'x' }] };
    expect(containingObject(data, 'root_sink_list_1_connection')).toBe(
      data.sink_list[1],
    );
    expect(containingObject(data, 'root_sink_list_0_connection')).toBe(
      data.sink_list[0],
    );
    expect(containingObject(data, 'root_other_0_connection')).toBe(data);
    expect(containingObject(undefined, 'root_sinks_0_connection')).toBe(
      undefined,
    );
  });
});

describe('in the new frontend system', () => {
  it('is the ConfluentSinkDestination form field', async () => {
    const tester = createExtensionTester(confluentSinkDestinationField);
    const loader = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = await loader();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
    expect((field as any).name).toBe('ConfluentSinkDestination');
  });
});
