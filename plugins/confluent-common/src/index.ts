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
export * from './sinkDestinations';
