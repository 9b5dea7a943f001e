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
 * Which parts of a card to show. Every card lists its sections; the new
 * frontend system sets them in `app-config.yaml` (the card extension's
 * `config.sections`), the legacy one through the card's `sections` prop.
 */

/** Sections of the Flink statement card, in the order they appear. @public */
export const STATEMENT_CARD_SECTIONS = [
  'status',
  'details',
  'exceptions',
  'actions',
] as const;
/** A section of the Flink statement card. @public */
export type StatementCardSection = (typeof STATEMENT_CARD_SECTIONS)[number];

/** Sections of the connector card. @public */
export const CONNECTOR_CARD_SECTIONS = ['status', 'tasks', 'link'] as const;
/** A section of the connector card. @public */
export type ConnectorCardSection = (typeof CONNECTOR_CARD_SECTIONS)[number];

/** Sections of the schema card. @public */
export const SCHEMA_CARD_SECTIONS = ['summary', 'fields', 'link'] as const;
/** A section of the schema card. @public */
export type SchemaCardSection = (typeof SCHEMA_CARD_SECTIONS)[number];

/** Sections of the drift card: the summary and which resources to list. @public */
export const DRIFT_CARD_SECTIONS = [
  'summary',
  'drifted',
  'inSync',
  'undeclared',
] as const;
/** A section of the drift card. @public */
export type DriftCardSection = (typeof DRIFT_CARD_SECTIONS)[number];

/** Sections of the materialized table card. @public */
export const MATERIALIZED_TABLE_CARD_SECTIONS = [
  'status',
  'query',
  'versions',
] as const;
/** A section of the materialized table card. @public */
export type MaterializedTableCardSection =
  (typeof MATERIALIZED_TABLE_CARD_SECTIONS)[number];

/** Sections of the version history card. @public */
export const HISTORY_CARD_SECTIONS = [
  'summary',
  'details',
  'sql',
  'link',
] as const;
/** A section of the version history card. @public */
export type HistoryCardSection = (typeof HISTORY_CARD_SECTIONS)[number];

/**
 * Whether a section is shown: every section when none are chosen (the
 * cards' default), else only the chosen ones.
 */
export function sectionFilter<S extends string>(
  chosen?: readonly S[],
): (section: S) => boolean {
  if (!chosen) return () => true;
  const set = new Set<string>(chosen);
  return section => set.has(section);
}
