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
import { Statement } from '@shiftleft/plugin-confluent-node';
import { Initiator, readProblem, ResourceOwners } from '../ownership';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  tablesRead,
  TopicResolver,
} from '../statement';
import { ConfluentActionOptions, ConfluentTarget } from '../target';
import { ChangeFindings } from './findings';

/**
 * What the new SQL reads: it must exist, and a table the current statement
 * did not read must be the team's or shared with it (the create action's
 * rule; what it read already was agreed before).
 */
export async function checkNewReads(options: {
  options: ConfluentActionOptions;
  statement: AnalyzedStatement;
  current: Statement;
  topic: string;
  target: ConfluentTarget;
  initiator: Initiator;
  resolver: TopicResolver;
  findings: ChangeFindings;
  signal?: AbortSignal;
}): Promise<void> {
  const { statement, current, topic, target, resolver, signal } = options;
  const { problems, warnings } = options.findings;
  const upstream = await checkUpstream({
    resolver,
    statement,
    createdTables: [],
    adopting: true,
    signal,
  });
  problems.push(...upstream.problems);
  const readBefore = new Set<string>();
  for (const table of tablesRead(
    analyzeStatement({
      name: current.name,
      sql: current.spec.statement ?? '',
      target,
    }).lineage,
  )) {
    // In the new statement's catalog and database: the same environment
    // and cluster, named by id (the old one may name them by display
    // name, which only the environment's can be checked by).
    const resolved = await resolver.resolve(
      table,
      statement.properties,
      signal,
    );
    if (!('problem' in resolved)) readBefore.add(resolved.topic);
  }
  const owners = new ResourceOwners({
    client: options.options.client,
    target,
    catalog: options.options.catalog,
    auth: options.options.auth,
  });
  for (const read of upstream.reads) {
    if (read.topic === topic || readBefore.has(read.topic)) continue;
    const found = await readProblem({
      topic: read.topic,
      owners,
      initiator: options.initiator,
      signal,
    });
    if (found?.warning) warnings.push(found.warning);
    if (found?.problem) problems.push(`The new SQL reads ${found.problem}`);
  }
}
