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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ChangeImpact,
  DataProductChangePlan,
  LINEAGE_GRAPH_MAX_DEPTH,
  lineageImpact,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import { buildLineageGraph } from '@shiftleft/plugin-confluent-node';
import { Initiator } from '../ownership';
import { ConfluentActionOptions } from '../target';
import { ChangeFindings } from './findings';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Who reads what a change breaks, and whether they must be told first. */
export interface BreakingImpact {
  impact: ChangeImpact[];
  restricted: number;
  teamsToTell: string[];
  needsConfirmation: boolean;
}

/**
 * Who reads what changes: the downstream datasets reading a removed or
 * retyped column, as the caller may see them. Breaking another team's
 * product (or ones the caller may not read) needs a confirmation.
 */
export async function breakingImpact(options: {
  options: ConfluentActionOptions;
  entity: Entity;
  schemaChanges: DataProductChangePlan['schemaChanges'];
  credentials: BackstageCredentials;
  initiator: Initiator;
  confirmed?: boolean;
  findings: ChangeFindings;
}): Promise<BreakingImpact> {
  const { initiator } = options;
  const breaking = options.schemaChanges
    .filter(c => c.change !== 'added')
    .map(c => c.column);
  const { impact, restricted } = await downstreamImpact({
    options: options.options,
    root: options.entity,
    columns: breaking,
    credentials: options.credentials,
  });
  const teams = new Set<string>();
  for (const row of impact) {
    for (const owner of [row.owner, row.viaOwner]) {
      if (owner && !initiator.groups.has(lower(owner))) teams.add(owner);
    }
  }
  const teamsToTell = [...teams].sort();
  const needsConfirmation = teamsToTell.length > 0 || restricted > 0;
  if (needsConfirmation && !options.confirmed) {
    const products = [
      ...new Set(
        impact
          .filter(r => !initiator.groups.has(lower(r.owner)))
          .map(r => `${r.entityRef} (${r.owner || 'no known owner'})`),
      ),
    ];
    options.findings.problems.push(
      `Changing ${breaking.join(', ')} breaks ${
        products.join(', ') ||
        `${restricted} downstream entities you may not read`
      }. Tell ${
        teamsToTell.join(', ') || 'their owners'
      } first, then confirm the breaking change to go ahead`,
    );
  }
  return { impact, restricted, teamsToTell, needsConfirmation };
}

/** Downstream datasets that read the changed columns. */
async function downstreamImpact(options: {
  options: ConfluentActionOptions;
  root: Entity;
  columns: string[];
  credentials: BackstageCredentials;
}): Promise<{ impact: ChangeImpact[]; restricted: number }> {
  const { columns } = options;
  if (!columns.length) return { impact: [], restricted: 0 };
  const graph: LineageGraphResponse = await buildLineageGraph({
    catalog: options.options.catalog!,
    credentials: options.credentials,
    root: options.root,
    upstream: 0,
    downstream: LINEAGE_GRAPH_MAX_DEPTH,
  });
  const byRef = new Map(
    graph.nodes.filter(n => n.entityRef).map(n => [n.entityRef!, n]),
  );
  const impact: ChangeImpact[] = [];
  for (const column of columns) {
    for (const row of lineageImpact(graph, { node: graph.root, column })) {
      const via = row.via ? byRef.get(row.via) : undefined;
      impact.push({
        entityRef: row.entityRef,
        type: row.type,
        owner: row.owner,
        column: row.column,
        changedColumn: column,
        hops: row.hops,
        via: row.via,
        ...(via?.type ? { viaType: via.type } : {}),
        ...(via?.owner ? { viaOwner: via.owner } : {}),
        sinkTable: row.sinkTable,
      });
    }
  }
  return {
    impact,
    restricted: graph.nodes.filter(n => n.kind === 'restricted' && n.depth > 0)
      .length,
  };
}
