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
/**
 * Shared model of the Confluent plugin suite: annotations, relations and
 * ownership markers, the data product metadata and its PII provenance, the
 * events contract, the contracts of the entity cards and of the scaffolder
 * plan review, and the lineage contracts (the Flink SQL lineage library itself
 * is `@shiftleft/flink-sql-lineage`, a Node library).
 *
 * @packageDocumentation
 */
export * from './entityModel';
export * from './dataProduct';
export * from './materializedTable';
export * from './events';
export * from './pii';
export * from './piiTrace';
export * from './suspectedPii';
export * from './lineageContract';
export * from './permissions';
export * from './status';
export * from './schema';
export * from './changePlan';
export * from './plan';
export * from './lineageGraph';
export * from './emulator';
export * from './ownership';
export * from './drift';
export * from './history';
export * from './sinkDestinations';
