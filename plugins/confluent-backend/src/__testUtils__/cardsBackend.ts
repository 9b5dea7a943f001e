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
import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionBackend from '@backstage/plugin-permission-backend';
import { JsonObject } from '@backstage/types';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { confluentPlugin } from '../plugin';
import { OWNER, OWNER_GROUP } from './fixtures';

/** A signal as the signals backend receives it from the events service. */
export interface CapturedSignal {
  channel: string;
  recipients: { type: string; entityRef?: string | string[] };
  message: any;
}

/** Allows everything. */
export const allowAll: PermissionPolicy = {
  async handle(): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  },
};

/** Denies the Confluent cards' permissions, allows the rest. */
export const denyConfluent: PermissionPolicy = {
  async handle(request): Promise<PolicyDecision> {
    return {
      result: request.permission.name.startsWith('confluent.')
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    };
  },
};

const running: Array<{ stop(): Promise<void> }> = [];

export interface CardsBackendOptions {
  emu: ConfluentEmulator;
  entities: Entity[];
  /** `confluent.status` / `confluent.schema` and client overrides. */
  confluent?: JsonObject;
  policy?: PermissionPolicy;
  /**
   * Which user may read which entity ref in the catalog (the catalog's own
   * read permission); everyone reads everything when absent.
   */
  canRead?: (userEntityRef: string, entityRef: string) => boolean;
  /** More plugins and services to run beside the cards (e.g. MCP). */
  features?: BackendFeature[];
  /** Top-level config beside `confluent` and `permission`. */
  config?: JsonObject;
}

/**
 * The in-memory catalog, answering each caller with only the entities
 * `canRead` lets them see, as the catalog's read permission does: missing
 * from lists, `undefined` by ref.
 */
export function permissionedCatalog(
  entities: Entity[],
  canRead: (userEntityRef: string, entityRef: string) => boolean,
) {
  const inner = catalogServiceMock({ entities });
  const userOf = (options: any): string =>
    options?.credentials?.principal?.userEntityRef ?? '';
  const visible = (options: any, entity: Entity | undefined) =>
    entity && canRead(userOf(options), stringifyEntityRef(entity))
      ? entity
      : undefined;
  const catalog: CatalogService = Object.create(inner);
  Object.assign(catalog, {
    async getEntityByRef(ref: any, options: any) {
      return visible(options, await inner.getEntityByRef(ref, options));
    },
    async getEntitiesByRefs(request: any, options: any) {
      // Decide on whole entities, then apply the field selection.
      const { items } = await inner.getEntitiesByRefs(
        { ...request, fields: undefined },
        options,
      );
      const allowed = items.map(e => visible(options, e));
      if (!request.fields) return { items: allowed };
      const { items: selected } = await inner.getEntitiesByRefs(
        request,
        options,
      );
      return { items: selected.map((e, i) => (allowed[i] ? e : undefined)) };
    },
    async getEntities(request: any, options: any) {
      const { items } = await inner.getEntities(
        { ...request, fields: undefined },
        options,
      );
      const refs = new Set(
        items.filter(e => visible(options, e)).map(e => stringifyEntityRef(e)),
      );
      const { items: selected } = await inner.getEntities(request, options);
      return {
        items: selected.filter(e =>
          refs.has(
            stringifyEntityRef({
              kind: e.kind ?? 'unknown',
              namespace: e.metadata?.namespace,
              name: e.metadata?.name ?? '',
            }),
          ),
        ),
      };
    },
  });
  return catalog;
}

/**
 * The cards backend as an app runs it: the plugin with the real
 * permission backend and policy, the signals service over the events
 * service, the catalog holding `entities`, and the emulator behind the
 * Confluent client. Group membership comes from a small directory (alice
 * is in the owning team).
 */
export async function startCardsBackend(options: CardsBackendOptions) {
  const signals: CapturedSignal[] = [];
  const signalsProbe = createBackendModule({
    pluginId: 'confluent',
    moduleId: 'test-signals-probe',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-signals-probe',
            topics: ['signals'],
            async onEvent(params) {
              signals.push(params.eventPayload as CapturedSignal);
            },
          });
        },
      });
    },
  });
  const policyModule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy(options.policy ?? allowAll);
        },
      });
    },
  });
  const groups: Record<string, string[]> = { [OWNER]: [OWNER_GROUP] };
  const userInfo = createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const ref = credentials.principal.userEntityRef as string;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
        };
      },
    }),
  });

  const backend = await startTestBackend({
    features: [
      confluentPlugin,
      permissionBackend,
      policyModule,
      signalsProbe,
      userInfo,
      // The real scheduler: the status poll is a global task it runs on a
      // cadence, where the mock only runs tasks when told to.
      schedulerServiceFactory,
      mockServices.events.factory(),
      options.canRead
        ? createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () =>
              permissionedCatalog(options.entities, options.canRead!),
          })
        : catalogServiceMock.factory({ entities: options.entities }),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          permission: { enabled: true },
          confluent: {
            ...options.emu.backstageConfig().confluent,
            retryBaseDelay: { milliseconds: 5 },
            retryMaxDelay: { milliseconds: 200 },
            requestTimeout: { seconds: 5 },
            ...options.confluent,
          },
        },
      }),
    ],
  });
  running.push(backend);
  return { server: backend.server, backend, signals };
}

/**
 * Stops the backends started so far: their pollers would otherwise keep
 * reading the shared emulator and skew the next test's request counts.
 */
export async function stopCardsBackends() {
  await Promise.all(running.splice(0).map(b => b.stop()));
}

/** Waits until `check` returns a value (polling), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 20));
  }
}
