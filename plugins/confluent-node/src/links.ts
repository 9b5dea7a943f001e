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
import { CONFLUENT_CONFIG_DEFAULTS } from './config';

const seg = (value: string) => encodeURIComponent(value);

/**
 * Builds links into the Confluent Cloud console for the resources the suite
 * shows.
 *
 * URL shapes are those Confluent's own VS Code extension opens (statements,
 * compute pools, topics, clusters, environments, schema subjects). The
 * connector page (`…/connectors/details/<name>/overview`) appears in neither
 * that extension nor the docs: it is our best reading of the console's
 * routes, and the one link to re-check if Confluent changes them.
 *
 * @public
 */
export class ConfluentConsoleLinks {
  readonly baseUrl: string;

  /** @param baseUrl - the console, `confluent.consoleUrl`. Default: `https://confluent.cloud` */
  constructor(baseUrl: string = CONFLUENT_CONFIG_DEFAULTS.consoleUrl) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The environment's cluster list. */
  environment(environmentId: string): string {
    return `${this.baseUrl}/environments/${seg(environmentId)}/clusters`;
  }

  kafkaCluster(environmentId: string, kafkaClusterId: string): string {
    return `${this.baseUrl}/environments/${seg(environmentId)}/clusters/${seg(
      kafkaClusterId,
    )}`;
  }

  topic(environmentId: string, kafkaClusterId: string, topic: string): string {
    return `${this.kafkaCluster(environmentId, kafkaClusterId)}/topics/${seg(
      topic,
    )}/overview`;
  }

  connector(
    environmentId: string,
    kafkaClusterId: string,
    connectorName: string,
  ): string {
    return `${this.kafkaCluster(
      environmentId,
      kafkaClusterId,
    )}/connectors/details/${seg(connectorName)}/overview`;
  }

  /** The statement's activity page (status, throughput, exceptions). */
  statement(environmentId: string, statementName: string): string {
    return `${this.baseUrl}/environments/${seg(
      environmentId,
    )}/flink/statements/${seg(statementName)}/activity`;
  }

  computePool(environmentId: string, computePoolId: string): string {
    return `${this.baseUrl}/environments/${seg(
      environmentId,
    )}/flink/pools/${seg(computePoolId)}/overview`;
  }

  /** The data contract (schema versions and rules) of a subject. */
  schemaSubject(environmentId: string, subject: string): string {
    return `${this.baseUrl}/environments/${seg(
      environmentId,
    )}/stream-governance/schema-registry/data-contracts/${seg(subject)}`;
  }
}
