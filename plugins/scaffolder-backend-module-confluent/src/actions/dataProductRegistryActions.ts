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
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import {
  confluentActionsManagePermission,
  confluentActionsReadPermission,
  createSuspectedPiiMatcher,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';
import { resolveInitiator } from '../lib/ownership';
import {
  buildDataProductPlan,
  DataProductInput,
  SINK_SYSTEMS,
} from '../lib/plan';
import {
  actionNetwork,
  ConfluentActionOptions,
  resolveTarget,
} from '../lib/target';
import { catalogUpstreamPii } from '../lib/upstreamPii';
import { SSL_MODES } from '../lib/connectorConfig';
import { createRegistryCaller } from './registryCaller';

/*
 * Planning and creating a streaming data product as tools for agents (the
 * actions registry, hence MCP). The plan is the one the template's plan
 * step computes; the creation runs the template itself as a scaffolder
 * task under the caller's credentials, so its preflight, plan, checkpoints,
 * retries and secret handling apply unchanged.
 */

/** The template `create-data-product` runs. */
export const STREAMING_DATA_PRODUCT_TEMPLATE =
  'template:default/streaming-data-product';

/** The task secret holding the database password, as the template names it. */
const PASSWORD_SECRET = 'dbPassword';

/** The longest `create-data-product` waits for its task. */
export const MAX_CREATE_WAIT_SECONDS = 600;

/** Options of {@link registerDataProductActions}. */
export interface DataProductRegistryActionsOptions
  extends ConfluentActionOptions {
  actionsRegistry: ActionsRegistryService;
  userInfo: UserInfoService;
  logger: LoggerService;
  /** The scaffolder, to run the template as the caller. */
  scaffolder: ScaffolderService;
  /**
   * The portal's `app.baseUrl`, for the link to the task page; empty: the
   * link is a path.
   */
  appBaseUrl: string;
  /** Column names that look personal, as the plan action reads them. */
  suspectedPii?: SuspectedPiiMatcher;
  /** How often a waiting creation reads its task. Default 1 s. */
  pollIntervalMs?: number;
}

/**
 * The template's parameters, under the same names: what an agent fills in
 * where a user fills in the form. Omitted ones take the template's
 * defaults (the workshop's tables, masks, statements and sink).
 */
const productInput = (z: any) =>
  z.object({
    name: z
      .string()
      .min(1)
      .max(40)
      .describe(
        'Product name (lowercase letters, digits, single dashes): the prefix of its topics, statements and connectors',
      ),
    owner: z
      .string()
      .min(1)
      .max(300)
      .describe(
        'The owning team, e.g. group:default/customer-data-team; you must be a member',
      ),
    dbHost: z
      .string()
      .min(1)
      .max(253)
      .describe('PostgreSQL host, as Confluent Cloud reaches it'),
    dbPort: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe('Default 5432'),
    dbName: z.string().min(1).max(63).describe('Database name'),
    dbUser: z.string().min(1).max(63).describe('User allowed to replicate'),
    dbSslMode: z.enum(SSL_MODES).optional().describe('Default prefer'),
    tables: z
      .array(z.string().max(130))
      .min(1)
      .max(100)
      .optional()
      .describe("Tables to capture: 'table' (schema public) or 'schema.table'"),
    maskFields: z
      .array(z.string().max(63))
      .max(100)
      .optional()
      .describe('PII columns masked at the source (MaskField SMT)'),
    maskReplacement: z.string().min(1).max(100).optional(),
    piiFields: z
      .array(z.string().max(63))
      .max(100)
      .optional()
      .describe(
        'Other PII columns, kept unmasked: tagged PII, and refused at sinks',
      ),
    statements: z
      .array(
        z.object({
          name: z.string().min(1).max(60),
          sql: z
            .string()
            .min(1)
            .max(64 * 1024)
            .describe('Flink SQL; ${product} stands for the product name'),
          stateTtl: z.string().max(40).optional(),
        }),
      )
      .max(20)
      .optional()
      .describe('Flink statements, in dependency order'),
    sinks: z
      .array(
        z.object({
          type: z.enum(SINK_SYSTEMS),
          table: z
            .string()
            .max(300)
            .describe('The table to sink, e.g. ${product}.product_sales'),
          connection: z
            .string()
            .max(100)
            .optional()
            .describe(
              'A destination configured under confluent.scaffolder.sinks; none for Postgres: the source database',
            ),
        }),
      )
      .max(20)
      .optional(),
  });

const password = (z: any) =>
  z
    .string()
    .min(1)
    .max(1024)
    .describe(
      'The database password: a secret of the run, never in its logs, outputs or the plan',
    );

type ProductValues = Record<string, any> & { name: string; owner: string };

/** The defaults of the template's parameters, as its form fills them in. */
async function templateDefaults(
  options: DataProductRegistryActionsOptions,
  credentials: BackstageCredentials,
): Promise<Record<string, unknown>> {
  const template = await options.catalog?.getEntityByRef(
    STREAMING_DATA_PRODUCT_TEMPLATE,
    { credentials },
  );
  if (!template) {
    throw new NotFoundError(
      `The template ${STREAMING_DATA_PRODUCT_TEMPLATE} is not in the catalog (or not visible to you)`,
    );
  }
  const pages = (template.spec as { parameters?: unknown })?.parameters;
  const defaults: Record<string, unknown> = {};
  for (const page of [pages ?? []].flat() as Array<{
    properties?: Record<string, { default?: unknown }>;
  }>) {
    for (const [key, property] of Object.entries(page?.properties ?? {})) {
      if (property?.default !== undefined) defaults[key] = property.default;
    }
  }
  return defaults;
}

/** The plan step's input, mapped from the parameters as the template maps them. */
function planInputOf(values: ProductValues): DataProductInput {
  return {
    name: values.name,
    owner: values.owner,
    source: {
      database: {
        hostname: values.dbHost,
        port: values.dbPort,
        name: values.dbName,
        user: values.dbUser,
        passwordSecret: PASSWORD_SECRET,
        sslMode: values.dbSslMode,
      },
      tables: values.tables ?? [],
      maskFields: values.maskFields,
      maskReplacement: values.maskReplacement,
      piiFields: values.piiFields,
    },
    statements: values.statements ?? [],
    sinks: values.sinks ?? [],
  };
}

/** A link of a task's output. */
type TaskLink = { title?: string; entityRef?: string; url?: string };

const FINISHED = ['completed', 'failed', 'cancelled'];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A task's status once it finished or the wait is over; for a finished
 * task, its error or its output links (the template's links to the
 * catalog entities it created).
 */
async function waitForTask(
  scaffolder: ScaffolderService,
  options: {
    taskId: string;
    waitSeconds: number;
    pollIntervalMs: number;
    credentials: BackstageCredentials;
  },
): Promise<{ status: string; error?: string; links?: TaskLink[] }> {
  const { taskId, credentials } = options;
  const deadline = Date.now() + options.waitSeconds * 1000;
  let task = await scaffolder.getTask({ taskId }, { credentials });
  while (!FINISHED.includes(task.status) && Date.now() < deadline) {
    await sleep(Math.min(options.pollIntervalMs, deadline - Date.now()));
    task = await scaffolder.getTask({ taskId }, { credentials });
  }
  if (!FINISHED.includes(task.status)) return { status: task.status };
  const events = await scaffolder.getLogs({ taskId }, { credentials });
  const completion = events.find(e => e.type === 'completion')?.body as
    | { error?: { message?: string }; output?: { links?: TaskLink[] } }
    | undefined;
  const error = completion?.error?.message;
  const links = completion?.output?.links?.map(l => ({
    ...(l.title ? { title: l.title } : {}),
    ...(l.entityRef ? { entityRef: l.entityRef } : {}),
    ...(l.url ? { url: l.url } : {}),
  }));
  return {
    status: task.status,
    ...(error ? { error } : {}),
    ...(links?.length ? { links } : {}),
  };
}

const example = {
  name: 'shop',
  owner: 'group:default/customer-data-team',
  dbHost: 'orders-db.internal.example.com',
  dbName: 'shop',
  dbUser: 'cdc',
  dbPassword: '<the database password>',
};

/**
 * Registers `plan-data-product` (read-only) and `create-data-product`
 * with the actions registry, so agents reach them as MCP tools under their
 * own identity, with the template's owner rule: only a member of the
 * owning team may plan or create a product for it.
 */
export function registerDataProductActions(
  options: DataProductRegistryActionsOptions,
) {
  const { actionsRegistry, scaffolder } = options;
  const callerOf = createRegistryCaller(options);
  const network = actionNetwork(options);
  const suspectedPii = options.suspectedPii ?? createSuspectedPiiMatcher();
  const pollIntervalMs = options.pollIntervalMs ?? 1000;

  /** The caller's values: the template's defaults, then what was given. */
  async function valuesOf(
    input: Record<string, unknown>,
    credentials: BackstageCredentials,
  ): Promise<ProductValues> {
    const given = Object.fromEntries(
      Object.entries(input).filter(
        ([key, value]) =>
          value !== undefined && key !== 'dbPassword' && key !== 'waitSeconds',
      ),
    );
    return {
      ...(await templateDefaults(options, credentials)),
      ...given,
    } as ProductValues;
  }

  actionsRegistry.register({
    name: 'plan-data-product',
    title: 'Plan a streaming data product',
    description:
      'Plans a streaming data product from a team’s PostgreSQL database without creating anything, exactly as the streaming-data-product template’s review does: the CDC source config (secrets redacted) with masked PII, each Flink statement with its column lineage, the sinks, what already exists (adopted or conflicting), which personal data reaches which sink, and every problem that would stop the run. Parameters are the template’s; omitted ones take its defaults. Only for a team you belong to.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: (z: any) =>
        productInput(z).extend({
          dbPassword: password(z)
            .optional()
            .describe(
              'The database password, to read the source tables’ columns (PII suggestions); never in the plan. Without it the plan says what it could not check',
            ),
        }),
      output: (z: any) =>
        z.object({
          ready: z
            .boolean()
            .describe('Whether create-data-product would go ahead'),
          plan: z
            .record(z.unknown())
            .describe(
              'source, statements (SQL, lineage), sinks (configs, secrets redacted), pii, suspectedPii, problems, warnings',
            ),
        }),
    },
    examples: [
      {
        title: 'Plan the workshop product with the template’s defaults',
        input: example,
      },
    ],
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const values = await valuesOf(input, credentials);
      // The template's rule, before anything is read for the plan.
      resolveInitiator(caller.user, values.owner);
      const planInput = planInputOf(values);
      const built = await buildDataProductPlan({
        input: planInput,
        actionOptions: options,
        secrets: input.dbPassword
          ? { [PASSWORD_SECRET]: input.dbPassword }
          : {},
        dryRun: true,
        upstreamPii: catalogUpstreamPii({
          catalog: options.catalog,
          target: resolveTarget(options, planInput),
          credentials: caller.credentials,
        }),
        logger: caller.logger,
        network,
        user: caller.user,
        initiatorCredentials: caller.credentials,
        suspectedPii,
      });
      return { output: { ready: built.ready, plan: built.plan as any } };
    },
  });

  actionsRegistry.register({
    name: 'create-data-product',
    title: 'Create a streaming data product',
    description:
      'Creates a streaming data product by running the streaming-data-product template as a scaffolder task under your identity: it checks the database, plans (refusing on any problem, e.g. unmasked PII reaching a sink), then creates the CDC source, the Flink statements and the sinks and registers them in the catalog. Call plan-data-product first. Only for a team you belong to. Safe to repeat: what exists is adopted. Returns the task id and a link; with waitSeconds it waits for the task to finish.',
    attributes: { readOnly: false, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsManagePermission,
    schema: {
      input: (z: any) =>
        productInput(z).extend({
          dbPassword: password(z),
          waitSeconds: z
            .number()
            .int()
            .min(0)
            .max(MAX_CREATE_WAIT_SECONDS)
            .optional()
            .describe(
              `How long to wait for the task to finish, at most ${MAX_CREATE_WAIT_SECONDS}. Default 0: return once it is started`,
            ),
        }),
      output: (z: any) =>
        z.object({
          taskId: z.string().describe('The scaffolder task'),
          taskUrl: z.string().describe('Its page in the portal'),
          status: z
            .string()
            .describe(
              'open, processing, completed, failed or cancelled when the call returned',
            ),
          error: z
            .string()
            .optional()
            .describe('Why the task failed, when it did'),
          links: z
            .array(
              z.object({
                title: z.string().optional(),
                entityRef: z.string().optional(),
                url: z.string().optional(),
              }),
            )
            .optional()
            .describe('What the completed task links to (catalog entities)'),
        }),
    },
    examples: [
      {
        title: 'Create the workshop product and wait up to 5 minutes',
        input: { ...example, waitSeconds: 300 },
      },
    ],
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      // Refused before a task exists: a task would refuse too, but only
      // after its preflight has reached the database.
      resolveInitiator(caller.user, input.owner);
      const values = await valuesOf(input, credentials);
      const { taskId } = await scaffolder.scaffold(
        {
          templateRef: STREAMING_DATA_PRODUCT_TEMPLATE,
          // What the form's Secret field leaves in the values: a mask of
          // the password, which itself goes in the task's secrets.
          values: {
            ...values,
            dbPassword: '*'.repeat(input.dbPassword.length),
          },
          secrets: { [PASSWORD_SECRET]: input.dbPassword },
        },
        { credentials },
      );
      options.logger.info(
        `${caller.user?.ref} started task ${taskId} of ${STREAMING_DATA_PRODUCT_TEMPLATE} for ${values.name}`,
      );
      const taskUrl = `${options.appBaseUrl.replace(
        /\/+$/,
        '',
      )}/create/tasks/${encodeURIComponent(taskId)}`;
      const finished = await waitForTask(scaffolder, {
        taskId,
        waitSeconds: input.waitSeconds ?? 0,
        pollIntervalMs,
        credentials,
      });
      return { output: { taskId, taskUrl, ...finished } };
    },
  });
}
