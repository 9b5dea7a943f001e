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
import { ConnectorSpec, RenderedConnector } from '../connectorConfig';
import { parsePgTableName, PgTableName } from '../names';
import { PlanContext } from './context';
import { ConnectorPlanner } from './connectors';

/** The planned CDC source, as the later sections need it. */
export interface PlannedSource {
  name: string;
  rendered?: RenderedConnector;
  /** The source tables that parse, in the order given. */
  tables: PgTableName[];
  /** The topics the source writes, one per table. */
  topics: string[];
  maskFields: string[];
  /** PII columns declared but not masked. */
  piiFields: string[];
}

/** Plans the product's CDC source connector and its step. */
export async function planSource(
  ctx: PlanContext,
  planConnector: ConnectorPlanner,
): Promise<PlannedSource> {
  const { product, steps } = ctx;
  const source = ctx.options.input.source;
  const tables: PgTableName[] = [];
  for (const t of source?.tables ?? []) {
    const parsed = parsePgTableName(t);
    if (typeof parsed !== 'string') tables.push(parsed);
  }
  const maskFields = source?.maskFields ?? [];
  const piiFields = (source?.piiFields ?? []).filter(
    f => !maskFields.includes(f),
  );
  const sourceName = `${product}-postgres-cdc-source`;
  const sourceSpec: ConnectorSpec = {
    name: sourceName,
    type: 'postgres-cdc-source',
    source: {
      database: source?.database,
      tables: source?.tables ?? [],
      topicPrefix: product,
      ...(maskFields.length
        ? {
            mask: {
              fields: maskFields,
              replacement: source?.maskReplacement ?? '****',
            },
          }
        : {}),
      ...(piiFields.length ? { piiFields } : {}),
    },
  };
  const renderedSource = await planConnector(sourceSpec, 'source');
  if (renderedSource) {
    steps.source = {
      name: sourceName,
      type: 'postgres-cdc-source',
      source: sourceSpec.source,
    };
  }
  return {
    name: sourceName,
    rendered: renderedSource,
    tables,
    topics: renderedSource?.topicsWritten ?? [],
    maskFields,
    piiFields,
  };
}
