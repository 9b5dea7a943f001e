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
import { SWRConfig } from 'swr';
import { act } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  SignalApi,
  signalApiRef,
  SignalSubscriber,
} from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import { confluentApiRef } from '../api/ConfluentApi';
import { ConfluentApiClient } from '../api/ConfluentApiClient';

export const BASE = 'http://backstage.test/api/confluent';
export const OWNER_GROUP = 'group:default/customer-data-team';

/** A signals API the test pushes messages through, as the backend would. */
export class TestSignalApi implements SignalApi {
  readonly #subscribers = new Map<string, Set<(m: JsonObject) => void>>();

  subscribe<M extends JsonObject>(
    channel: string,
    onMessage: (message: M) => void,
  ): SignalSubscriber {
    const set = this.#subscribers.get(channel) ?? new Set();
    set.add(onMessage as (m: JsonObject) => void);
    this.#subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage as any) };
  }

  /** Delivers a message to the channel's subscribers. */
  push(channel: string, message: object) {
    act(() => {
      for (const fn of this.#subscribers.get(channel) ?? []) {
        fn(message as JsonObject);
      }
    });
  }

  channels() {
    return [...this.#subscribers.entries()]
      .filter(([, s]) => s.size > 0)
      .map(([c]) => c);
  }
}

export function dataProduct(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'enriched_customers',
      namespace: 'default',
      annotations: {
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: 'env-q7m2xz',
        [ANNOTATION_CONFLUENT_TOPIC]: 'enriched_customers',
        [ANNOTATION_CONFLUENT_STATEMENT]: 'enriched-customer-materializer',
        ...annotations,
      },
    },
    spec: { type: 'data-product', owner: OWNER_GROUP },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  };
}

export function connectorEntity(): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shiftleft-postgres-cdc-source',
      namespace: 'default',
      annotations: {
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: 'env-q7m2xz',
        [ANNOTATION_CONFLUENT_CONNECTOR]: 'shiftleft-postgres-cdc-source',
      },
    },
    spec: { type: 'kafka-connector', owner: OWNER_GROUP },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  };
}

export function statementStatus(
  overrides: Partial<ConfluentStatementStatus> = {},
  details: Partial<NonNullable<ConfluentStatementStatus['statement']>> = {},
): ConfluentStatementStatus {
  const name = overrides.name ?? 'enriched-customer-materializer';
  return {
    environmentId: 'env-q7m2xz',
    name,
    channel: `confluent:statement:env-q7m2xz:${name}`,
    consoleUrl: `https://confluent.cloud/environments/env-q7m2xz/flink/statements/${name}/activity`,
    stale: false,
    fetchedAt: new Date(Date.now() - 3000).toISOString(),
    statement: {
      phase: 'RUNNING',
      warnings: [],
      latestOffsets: [
        {
          topic: 'shiftleft.public.customers',
          partitions: [{ partition: 0, offset: 1210652 }],
        },
      ],
      latestOffsetsAt: new Date().toISOString(),
      createdAt: '2026-11-22T02:10:44.257Z',
      updatedAt: '2026-11-22T02:10:44.257Z',
      principal: 'sa-3nz8wq',
      computePoolId: 'lfcp-6r8k1v',
      stopped: false,
      sqlKind: 'CREATE_TABLE_AS',
      exceptions: [],
      ...details,
    },
    ...overrides,
  };
}

export interface RenderOptions {
  entity: Entity;
  /** What the permission policy answers. Default: allow. */
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** The viewer's ownership refs. Default: the owning team. */
  ownershipEntityRefs?: string[];
  /** The signals API, or `null` when signals are not installed. */
  signals?: TestSignalApi | null;
}

/**
 * Renders a card in a test app with the real `ConfluentApiClient` (requests
 * are answered by msw handlers), a permission policy, an identity and,
 * optionally, signals.
 */
export async function renderCard(ui: ReactElement, options: RenderOptions) {
  const apis: any[] = [
    [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backstage.test' })],
    [
      confluentApiRef,
      new ConfluentApiClient({
        discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
        fetchApi: { fetch: (input, init) => fetch(input, init) },
      }),
    ],
    [fetchApiRef, { fetch: (input: any, init: any) => fetch(input, init) }],
    [
      permissionApiRef,
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: options.ownershipEntityRefs ?? [
          'user:default/alice',
          OWNER_GROUP,
        ],
      }),
    ],
  ];
  if (options.signals) {
    apis.push([signalApiRef, options.signals]);
  }
  // A fresh SWR cache per render: usePermission caches decisions globally,
  // which would carry one test's policy into the next.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider apis={apis}>
        <EntityProvider entity={options.entity}>{ui}</EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    // Entity links (in provenance chains) need the catalog's entity route.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
