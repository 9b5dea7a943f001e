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
/*
 * Confluent Cloud's AI, ML and search functions, as lineage sees them.
 *
 * Their first arguments often name a model, an agent or a tool (a string
 * literal or a backticked name): those are resources, never columns or
 * tables. The search functions take the table they search as their first
 * argument: that table is a source. Called as table functions
 * (`LATERAL TABLE(AI_COMPLETE(…))`) some have documented output columns;
 * others (ML_PREDICT) output what the model declares, which lineage can
 * only learn from an `AS alias(col, …)` list.
 */

/** How lineage treats one function. */
export interface AiFunctionSpec {
  /** Leading arguments that name a model, agent or tool. */
  resourceArgs: number;
  /** Output columns as a table function, when the function fixes them. */
  outputs?: string[];
  /** The first argument is the table searched. */
  searchesTable?: boolean;
}

const SEARCH: AiFunctionSpec = {
  resourceArgs: 0,
  outputs: ['search_results'],
  searchesTable: true,
};

const FUNCTIONS: Record<string, AiFunctionSpec> = {
  ML_PREDICT: { resourceArgs: 1 },
  ML_EVALUATE: { resourceArgs: 1 },
  AI_COMPLETE: { resourceArgs: 1, outputs: ['response'] },
  AI_EMBEDDING: { resourceArgs: 1, outputs: ['embedding'] },
  // Streaming agents return the run's status and the agent's response.
  AI_RUN_AGENT: { resourceArgs: 1, outputs: ['status', 'response'] },
  AI_TOOL_INVOKE: { resourceArgs: 1 },
  // Built-in models: every argument is data or configuration.
  AI_SENTIMENT: { resourceArgs: 0 },
  AI_DETECT_PII: { resourceArgs: 0 },
  AI_FORECAST: { resourceArgs: 0 },
  AI_DETECT_ANOMALIES: { resourceArgs: 0 },
  ML_DETECT_ANOMALIES: { resourceArgs: 0 },
  ML_DETECT_ANOMALIES_ROBUST: { resourceArgs: 0 },
  ML_FORECAST: { resourceArgs: 0 },
  VECTOR_SEARCH_AGG: SEARCH,
  KEY_SEARCH_AGG: SEARCH,
  TEXT_SEARCH_AGG: SEARCH,
};

/** The spec of an AI, ML or search function, by its upper-cased name. */
export function aiFunction(name: string): AiFunctionSpec | undefined {
  return FUNCTIONS[name];
}
