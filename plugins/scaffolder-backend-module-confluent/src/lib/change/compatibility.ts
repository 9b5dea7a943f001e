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
import { NotFoundError } from '@backstage/errors';
import {
  ChangeCompatibility,
  DataProductChangePlan,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentSchemaRegistryApi } from '@shiftleft/plugin-confluent-node';
import { AnalyzedStatement, TopicResolver } from '../statement';
import { ConfluentActionOptions, ConfluentTarget } from '../target';
import { ChangeFindings } from './findings';
import { avroFieldTypes, diffValueSchema, StatementOutput } from './schemaDiff';

/** The value schema a change leads to, and Schema Registry's verdict. */
export interface SchemaCompatibility {
  subject: string;
  compatibility: ChangeCompatibility;
  schemaChanges: DataProductChangePlan['schemaChanges'];
  /** The new value schema to register, when it changes. */
  candidate?: string;
}

/**
 * The value schema: the new output columns against the latest schema, and
 * whether Schema Registry accepts the result.
 */
export async function checkCompatibility(options: {
  client: ConfluentActionOptions['client'];
  target: ConfluentTarget;
  topic: string;
  edited: AnalyzedStatement;
  output: StatementOutput;
  resolver: TopicResolver;
  findings: ChangeFindings;
  signal?: AbortSignal;
}): Promise<SchemaCompatibility> {
  const { edited, resolver, signal } = options;
  const { problems, warnings } = options.findings;
  const subject = `${options.topic}-value`;
  const compatibility: ChangeCompatibility = {
    subject,
    verdict: 'not-checked',
    messages: [],
  };
  const sr = options.client.schemaRegistry(options.target.environmentId);
  let schemaChanges: DataProductChangePlan['schemaChanges'] = [];
  let candidate: string | undefined;
  try {
    const latest = await sr.getLatestSchema(subject, { signal });
    if (latest.schemaType !== 'AVRO') {
      compatibility.messages.push(
        `The value schema is ${latest.schemaType}: the diff reads Avro only`,
      );
    } else {
      const diff = diffValueSchema({
        current: latest.schema,
        output: options.output,
        copiedTypes: await copiedColumnTypes({
          statement: edited,
          resolver,
          registry: sr,
          signal,
        }),
      });
      schemaChanges = diff.changes;
      candidate = diff.candidate;
      if (diff.problem) compatibility.messages.push(diff.problem);
      for (const column of diff.inferred) {
        warnings.push(
          `${column} has no declared type: Flink infers it; the compatibility check assumed a nullable string`,
        );
      }
    }
  } catch (error) {
    if (!NotFoundError.is(error)) throw error;
    compatibility.messages.push(`${subject} has no schema yet`);
  }
  if (candidate && !schemaChanges.length) {
    compatibility.verdict = 'unchanged';
    candidate = undefined;
  } else if (candidate) {
    const verdict = await sr.testCompatibility(
      subject,
      { schema: candidate, schemaType: 'AVRO' },
      { signal },
    );
    compatibility.verdict = verdict.compatible ? 'compatible' : 'incompatible';
    compatibility.messages.push(...verdict.messages);
    if (!verdict.compatible) {
      problems.push(
        `Schema Registry refuses the new value schema of ${subject}: ${
          verdict.messages.join('; ') || 'incompatible'
        }`,
      );
    }
  }
  return { subject, compatibility, schemaChanges, candidate };
}

/**
 * The Avro types of the output columns copied unchanged from one upstream
 * column: the type of that field in its topic's value schema.
 */
async function copiedColumnTypes(options: {
  statement: AnalyzedStatement;
  resolver: TopicResolver;
  registry: ConfluentSchemaRegistryApi;
  signal?: AbortSignal;
}): Promise<Map<string, unknown>> {
  const { statement, resolver, registry, signal } = options;
  const schemas = new Map<string, Promise<Map<string, unknown>>>();
  const fieldsOf = (topic: string) => {
    let found = schemas.get(topic);
    if (!found) {
      found = registry
        .getLatestSchema(`${topic}-value`, { signal })
        .then(s => avroFieldTypes(s.schema))
        .catch(() => new Map<string, unknown>());
      schemas.set(topic, found);
    }
    return found;
  };
  const types = new Map<string, unknown>();
  for (const column of statement.lineage.columns) {
    const [source] = column.sources;
    if (!column.direct || column.sources.length !== 1 || source.field) {
      continue;
    }
    const resolved = await resolver.resolve(
      source.table,
      statement.properties,
      signal,
    );
    if ('problem' in resolved) continue;
    const type = (await fieldsOf(resolved.topic)).get(source.column);
    if (type !== undefined) types.set(column.column, type);
  }
  return types;
}
