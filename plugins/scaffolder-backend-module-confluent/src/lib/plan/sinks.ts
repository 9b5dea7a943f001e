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
  ConnectorSpec,
  RenderedConnector,
  SinkInput,
} from '../connectorConfig';
import { toNamePart, topicNameProblems } from '../names';
import { AnalyzedStatement } from '../statement';
import { PlanContext } from './context';
import { ConnectorPlanner } from './connectors';
import { substitute } from './placeholders';
import { DataProductInput } from './types';

/** A sink connector that rendered, with the system it writes to. */
export interface PlannedSink {
  rendered: RenderedConnector;
  system: string;
}

/**
 * Plans the product's sinks, after its statements: a sink may read what
 * they create, and a keyed table is upserted into Postgres.
 */
export async function planSinks(
  ctx: PlanContext,
  planConnector: ConnectorPlanner,
  analyzed: AnalyzedStatement[],
): Promise<PlannedSink[]> {
  const renderedSinks: PlannedSink[] = [];
  for (const item of ctx.options.input.sinks ?? []) {
    const sink = await planSink(ctx, planConnector, analyzed, item);
    if (sink) renderedSinks.push(sink);
  }
  return renderedSinks;
}

/** Plans one sink; undefined when its table or destination is wrong. */
async function planSink(
  ctx: PlanContext,
  planConnector: ConnectorPlanner,
  analyzed: AnalyzedStatement[],
  item: DataProductInput['sinks'][number],
): Promise<PlannedSink | undefined> {
  const { product, problems } = ctx;
  let topic: string;
  try {
    topic = substitute(item.table ?? '', product, 'A sink table');
  } catch (error) {
    ctx.problem(error);
    return undefined;
  }
  const badTopic = topicNameProblems(topic);
  if (badTopic.length) {
    problems.push(...badTopic.map(p => `A ${item.type} sink: ${p}`));
    return undefined;
  }
  const name = `${product}-${toNamePart(
    topic.startsWith(`${product}.`) ? topic.slice(product.length + 1) : topic,
  )}-${item.type}-sink`;
  const creator = analyzed.find(s => s.lineage.table?.name.table === topic);
  const keyed = creator
    ? Boolean(creator.lineage.table?.primaryKey?.length)
    : true;
  // A configured destination, else (Postgres only) the source database.
  let destination: Pick<SinkInput, 'connection' | 'database'> = {};
  if (item.connection) destination = { connection: item.connection };
  else if (item.type === 'postgres')
    destination = { database: ctx.options.input.source?.database };
  const sink: SinkInput = {
    topics: [topic],
    ...destination,
    ...(item.type === 'postgres'
      ? { insertMode: keyed ? 'UPSERT' : 'INSERT' }
      : {}),
  };
  if (!item.connection && item.type !== 'postgres') {
    problems.push(
      `The ${item.type} sink of ${topic} needs a destination configured under confluent.scaffolder.sinks (connection)`,
    );
    return undefined;
  }
  if (
    !ctx.created.includes(topic) &&
    !(await ctx.resolver.exists(topic, ctx.signal))
  ) {
    problems.push(
      `The ${item.type} sink reads ${topic}, which is neither a topic in the cluster nor a table this product creates`,
    );
  }
  const spec: ConnectorSpec = {
    name,
    type: `${item.type}-sink` as ConnectorSpec['type'],
    sink,
  };
  const rendered = await planConnector(spec, 'sink');
  if (!rendered) return undefined;
  ctx.steps.sinks.push({ name, type: spec.type, sink });
  return { rendered, system: item.type };
}
