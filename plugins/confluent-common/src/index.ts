/**
 * Shared model of the Confluent plugin suite: annotations, relations and
 * ownership markers, and the Flink SQL lineage library.
 *
 * @packageDocumentation
 */
export * from './entityModel';
export * from './lineage';
