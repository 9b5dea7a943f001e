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
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createSuspectedPiiMatcher,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';
import { buildDataProductPlan, SINK_SYSTEMS } from '../lib/plan';
import {
  actionNetwork,
  ConfluentActionOptions,
  resolveTarget,
} from '../lib/target';
import { catalogUpstreamPii } from '../lib/upstreamPii';
import { examples } from './dataProductPlan.examples';
import * as inputProps from './inputProperties';

/**
 * Options of {@link createDataProductPlanAction}.
 * @public
 */
export interface DataProductPlanActionOptions extends ConfluentActionOptions {
  /**
   * The catalog, to read the PII the catalog recorded on existing topics a
   * statement reads (`spec.lineage.pii`), and owners and shares. Without
   * it, PII is traced from the product's own source only.
   */
  catalog?: CatalogService;
  /** How long to wait for the source database. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Column names that look personal: undeclared ones are listed in the
   * plan's `suspectedPii`. Default: `confluent.pii` as the module reads it,
   * else the built-in patterns (`createSuspectedPiiMatcher()`).
   */
  suspectedPii?: SuspectedPiiMatcher;
}

/**
 * `confluent:dataproduct:plan`: builds the whole plan of a streaming data
 * product (CDC source, Flink statements in order, sinks) without creating
 * anything: configs rendered exactly as the create actions submit them
 * (secrets redacted), each statement's lineage, what already exists (adopt,
 * conflict), and which personal data reaches which sink, masked or not.
 *
 * Its outputs are the inputs of the create steps, so what runs is what was
 * planned. In a real run a plan with problems (bad SQL, a missing upstream
 * table, a name conflict, unmasked PII reaching a sink) fails the step
 * before anything is created; in a dry run it reports them
 * (`ready: false`).
 *
 * @public
 */
export function createDataProductPlanAction(
  options: DataProductPlanActionOptions,
) {
  const network = actionNetwork(options);
  const suspectedPii = options.suspectedPii ?? createSuspectedPiiMatcher();
  return createTemplateAction({
    id: 'confluent:dataproduct:plan',
    description:
      'Plans a streaming data product (CDC source with masked PII, Flink statements, sinks) without creating anything: rendered configs with secrets redacted, SQL lineage, existing resources, and PII reaching each sink. Fails the run on any problem.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Product name (lowercase letters, digits, "-"): the prefix of its topics, statements and connectors',
          }),
        owner: inputProps.owner,
        environmentId: inputProps.environmentId,
        kafkaClusterId: inputProps.kafkaClusterId,
        serviceAccountId: inputProps.serviceAccountId,
        source: z =>
          z.object(
            {
              // The CDC source needs the password.
              database: inputProps
                .database(z)
                .required({ passwordSecret: true })
                .describe('The team’s PostgreSQL database'),
              tables: inputProps.tables(z),
              maskFields: z
                .array(z.string(), {
                  description:
                    'PII columns masked at the source (MaskField$Value)',
                })
                .optional(),
              maskReplacement: z
                .string({ description: 'Mask replacement. Default ****' })
                .optional(),
              piiFields: z
                .array(z.string(), {
                  description:
                    'Other PII columns, not masked: tagged PII in Stream Catalog, and the plan refuses to let them reach a sink',
                })
                .optional(),
            },
            { description: 'The CDC source' },
          ),
        statements: z =>
          z.array(
            z.object({
              name: z.string({
                description: 'Statement name, appended to the product name',
              }),
              sql: z.string({
                description:
                  'Flink SQL; ${product} is replaced by the product name',
              }),
              stateTtl: z
                .string({ description: "State TTL, e.g. '1 DAYS'" })
                .optional(),
            }),
            { description: 'Flink statements, in dependency order' },
          ),
        sinks: z =>
          z
            .array(
              z.object({
                type: z.enum(SINK_SYSTEMS, { description: 'Sink system' }),
                table: z.string({
                  description:
                    'The table (topic) to sink, e.g. ${product}.product_sales',
                }),
                connection: z
                  .string({
                    description:
                      'Destination configured under confluent.scaffolder.sinks; empty for Postgres: the source database',
                  })
                  .optional(),
              }),
              { description: 'Sinks' },
            )
            .optional(),
        allowUnmaskedPii: z =>
          z
            .boolean({
              description:
                'Let unmasked personal data reach sinks (a warning instead of a problem). Default false',
            })
            .optional(),
      },
      output: {
        ready: z =>
          z.boolean({ description: 'Whether the plan has no problems' }),
        plan: z =>
          z
            .record(z.unknown())
            .describe(
              'The plan: source, statements (SQL, lineage), sinks (configs, secrets redacted), pii, suspectedPii (columns that look personal but are not declared), problems, warnings',
            ),
        source: z =>
          z
            .record(z.unknown())
            .describe(
              'Input of the confluent:connector:create step of the source',
            )
            .optional(),
        statements: z =>
          z
            .array(z.record(z.unknown()))
            .describe(
              'Inputs of the confluent:flink:statement:create steps, in order',
            ),
        sinks: z =>
          z
            .array(z.record(z.unknown()))
            .describe(
              'Inputs of the confluent:connector:create steps of the sinks',
            ),
        resources: z =>
          z
            .object({
              connectors: z.array(z.string()),
              statements: z.array(z.string()),
              topics: z.array(z.string()),
            })
            .describe(
              'Names of everything the product creates, for the catalog refresh',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const target = resolveTarget(options, input);
      const upstreamPii = catalogUpstreamPii({
        catalog: options.catalog,
        target,
        credentials: () => ctx.getInitiatorCredentials(),
      });

      const built = await buildDataProductPlan({
        input: { ...input, sinks: input.sinks ?? [] },
        actionOptions: options,
        secrets: ctx.secrets,
        dryRun: Boolean(ctx.isDryRun),
        upstreamPii,
        logger: ctx.logger,
        signal: ctx.signal,
        connectTimeoutMs: options.connectTimeoutMs,
        network,
        user: ctx.user,
        initiatorCredentials: () => ctx.getInitiatorCredentials(),
        suspectedPii,
      });
      const { plan } = built;
      ctx.logger.info(
        `Plan of ${plan.product}: source ${plan.source?.name ?? '(invalid)'} (${
          plan.source?.action ?? '?'
        }), ${plan.statements
          .map(s => `${s.name} (${s.action ?? '?'})`)
          .join(', ')}, sinks ${
          plan.sinks.map(s => `${s.name} (${s.action ?? '?'})`).join(', ') ||
          'none'
        }`,
      );
      for (const sink of plan.pii) {
        for (const f of sink.fields) {
          ctx.logger.info(
            `${f.masked ? 'Masked' : 'UNMASKED'} personal data reaches ${
              sink.target
            }: ${f.column}${f.field ? `.${f.field}` : ''} (${f.status})`,
          );
        }
      }
      if (plan.suspectedPii?.length) {
        ctx.logger.info(
          `Columns that look personal but are neither masked nor declared PII (suspected PII): ${plan.suspectedPii
            .map(f => `${f.table}.${f.column} (like ${f.pattern})`)
            .join(', ')}`,
        );
      }
      for (const warning of plan.warnings) ctx.logger.warn(warning);
      ctx.output('ready', built.ready);
      ctx.output('plan', plan as any);
      if (built.steps.source) ctx.output('source', built.steps.source as any);
      ctx.output('statements', built.steps.statements as any);
      ctx.output('sinks', built.steps.sinks as any);
      ctx.output('resources', built.resources);
      if (built.ready) return;
      const text = `The plan of ${plan.product} has ${
        plan.problems.length
      } problem${plan.problems.length > 1 ? 's' : ''}:\n${plan.problems
        .map(p => `- ${p}`)
        .join('\n')}`;
      if (ctx.isDryRun) {
        // A review shows every problem; the template skips the create steps.
        ctx.logger.warn(text);
        return;
      }
      throw new InputError(text);
    },
  });
}
