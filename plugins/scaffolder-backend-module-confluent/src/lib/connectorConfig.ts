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
import { connectorNameProblems } from './names';
import { ConfigBuilder, Problems } from './connectorConfig/render';
import { renderSink } from './connectorConfig/sinks';
import { renderSource } from './connectorConfig/source';
import {
  CONNECTOR_CLASS,
  CONNECTOR_TYPES,
  ConnectorSpec,
  EXTRA_CONFIG_KEYS,
  RenderContext,
  RenderedConnector,
  SECRET_CONFIG_KEY,
  SERVER_ADDED_KEYS,
} from './connectorConfig/types';

export {
  CONNECTOR_TYPES,
  EXTRA_CONFIG_KEYS,
  SECRET_CONFIG_KEY,
  SERVER_ADDED_KEYS,
  SSL_MODES,
} from './connectorConfig/types';
export type {
  CdcSourceInput,
  ConnectorSpec,
  ConnectorType,
  DatabaseInput,
  RenderContext,
  RenderedConnector,
  SinkInput,
} from './connectorConfig/types';
export { includeListEntry, sinkTableName } from './connectorConfig/render';

/*
 * Renders managed connector configs (Confluent Cloud's flat string maps)
 * from typed inputs. The connector action and the plan both use it, so the
 * plan shows exactly what is submitted.
 */

/**
 * How the config to submit breaks what its rendering promised (and the
 * plan shows): every rendered key (identity, hosts, credentials, topics,
 * tables) keeps its value, nothing but allowed tuning keys is added, and a
 * declared mask is really applied: flat rows, one MaskField$Value on
 * exactly the masked fields, with the declared replacement. Any problem
 * refuses the connector before anything is created.
 */
function brokenPromises(
  promised: Record<string, string>,
  config: Record<string, string>,
  allowedExtra: readonly string[],
  mask: RenderedConnector['mask'],
): string[] {
  const broken: string[] = [];
  for (const [key, value] of Object.entries(promised)) {
    if (config[key] !== value) broken.push(`'${key}' differs from the plan`);
  }
  for (const key of Object.keys(config)) {
    if (!(key in promised) && !allowedExtra.includes(key)) {
      broken.push(`'${key}' is not in the plan`);
    }
  }
  if (mask) {
    const fields = (config['transforms.maskPii.fields'] ?? '').split(',');
    const masked =
      config['after.state.only'] === 'true' &&
      config.transforms === 'maskPii' &&
      config['transforms.maskPii.type'] ===
        'org.apache.kafka.connect.transforms.MaskField$Value' &&
      config['transforms.maskPii.replacement'] === mask.replacement &&
      fields.length === mask.fields.length &&
      mask.fields.every(f => fields.includes(f));
    if (!masked) {
      broken.push(
        `the config does not mask ${mask.fields.join(', ')} as the plan says`,
      );
    }
  }
  return broken.map(b => `submitted config: ${b}`);
}

/**
 * Renders a connector's config. Bad input is an InputError listing every
 * problem; secrets come only from task secrets (by name) or configured sink
 * destinations.
 */
export function renderConnector(
  spec: ConnectorSpec,
  ctx: RenderContext,
): RenderedConnector {
  const problems = new Problems();
  problems.add(...connectorNameProblems(spec.name ?? ''));
  if (!CONNECTOR_TYPES.includes(spec.type)) {
    problems.add(`type must be one of ${CONNECTOR_TYPES.join(', ')}`);
    problems.throwIfAny(spec.name);
  }
  const allowed = EXTRA_CONFIG_KEYS[spec.type];
  for (const [key, value] of Object.entries(spec.extraConfig ?? {})) {
    if (!allowed.includes(key)) {
      problems.add(
        `extraConfig may not set '${key}' (a ${
          spec.type
        } takes only ${allowed.join(', ')})`,
      );
    } else if (typeof value !== 'string') {
      problems.add(`extraConfig '${key}' must be a string`);
    }
  }
  const b = new ConfigBuilder();
  b.set('connector.class', CONNECTOR_CLASS[spec.type]);
  // Connectors run as a service account, never with a person's API key.
  b.set('kafka.auth.mode', 'SERVICE_ACCOUNT');
  b.set('kafka.service.account.id', ctx.serviceAccountId);
  b.set('tasks.max', 1);
  const rendered =
    spec.type === 'postgres-cdc-source'
      ? renderSource(spec, ctx, b, problems)
      : renderSink(spec, ctx, b, problems);
  problems.throwIfAny(spec.name);
  const promised = { ...b.config };
  for (const [key, value] of Object.entries(spec.extraConfig ?? {})) {
    b.set(key, value);
  }
  const mask = rendered && 'mask' in rendered ? rendered.mask : undefined;
  problems.add(...brokenPromises(promised, b.config, allowed, mask));
  problems.throwIfAny(spec.name);
  return {
    name: spec.name,
    type: spec.type,
    connectorClass: CONNECTOR_CLASS[spec.type],
    config: b.config,
    redactedConfig: b.redacted,
    secretKeys: b.secretKeys,
    secretValues: b.secretValues,
    topicsWritten:
      rendered && 'topicsWritten' in rendered ? rendered.topicsWritten : [],
    topicsRead: rendered && 'topicsRead' in rendered ? rendered.topicsRead : [],
    mask,
    piiFields:
      rendered && 'piiFields' in rendered ? rendered.piiFields : undefined,
    sinkTables:
      rendered && 'sinkTables' in rendered ? rendered.sinkTables : undefined,
    missingSecrets: b.missingSecrets,
  };
}

/**
 * Fails when the config cannot be submitted for want of a task secret. The
 * task page's Retry does not send secrets again, so the message says how to
 * provide them.
 */
export function requireSecrets(rendered: RenderedConnector) {
  if (rendered.missingSecrets.length) {
    throw new InputError(
      `Connector '${rendered.name}' needs ${rendered.missingSecrets.join(
        ', ',
      )}, which this task was not given (a retry does not resend secrets): start the template over — the form keeps its values and what exists is adopted`,
    );
  }
}

/**
 * How an existing connector's config differs from the wanted one, ignoring
 * what Confluent adds and secrets (which it returns masked). Empty when the
 * existing connector can be adopted.
 */
export function configDifferences(
  wanted: RenderedConnector,
  existing: Record<string, string>,
): string[] {
  const differences: string[] = [];
  for (const [key, value] of Object.entries(wanted.config)) {
    if (wanted.secretKeys.includes(key)) continue;
    if (existing[key] === undefined) {
      differences.push(`${key} is not set (wanted '${value}')`);
    } else if (existing[key] !== value) {
      differences.push(`${key} is '${existing[key]}' (wanted '${value}')`);
    }
  }
  for (const key of Object.keys(existing)) {
    if (
      wanted.config[key] === undefined &&
      !wanted.secretKeys.includes(key) &&
      !SERVER_ADDED_KEYS.has(key) &&
      !SECRET_CONFIG_KEY.test(key) &&
      // Masked values are Confluent's own (the Kafka key it makes for a
      // service-account connector): nothing a template sets.
      !/^\*+$/.test(existing[key])
    ) {
      differences.push(`${key} is set to '${existing[key]}' (not wanted)`);
    }
  }
  return differences;
}
