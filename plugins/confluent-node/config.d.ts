export interface Config {
  /**
   * How the suite reaches Confluent Cloud. Each API has its own base URL and
   * its own key, as in Confluent Cloud itself. Locally every base URL points
   * at the emulator (`yarn emulator`).
   */
  confluent?: {
    /**
     * The organization id (a UUID), used in Flink SQL paths and console links.
     */
    organizationId: string;
    /**
     * (Optional) Base URL of the Confluent Cloud console, for links.
     * Default: `https://confluent.cloud`
     */
    consoleUrl?: string;
    /**
     * (Optional) Per-request timeout in milliseconds. Default: `30000`
     */
    requestTimeoutMs?: number;
    /**
     * (Optional) Retries for idempotent requests that get a 429 or a 5xx.
     * Default: `4`
     */
    maxRetries?: number;
    /**
     * The Cloud API key: organization, IAM, Flink compute pools and Connect.
     */
    cloud: {
      /** (Optional) Default: `https://api.confluent.cloud` */
      baseUrl?: string;
      apiKey: string;
      /** @visibility secret */
      apiSecret: string;
    };
    /** The environments the suite reads from and provisions into. */
    environments: Array<{
      /** The environment id, `env-…`. */
      id: string;
      /** (Optional) Flink SQL access for this environment's region. */
      flink?: {
        /** The regional endpoint, `https://flink.<region>.<cloud>.confluent.cloud`. */
        baseUrl: string;
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
        /** (Optional) Compute pool for new statements, `lfcp-…`. */
        computePoolId?: string;
        /** (Optional) Principal new statements run as, `sa-…`. */
        principal?: string;
      };
      /** (Optional) The environment's Schema Registry and Stream Catalog. */
      schemaRegistry?: {
        /** The Schema Registry cluster id, `lsrc-…`. */
        id: string;
        baseUrl: string;
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
      };
      /** (Optional) Kafka clusters, reached through Kafka REST v3. */
      kafkaClusters?: Array<{
        /** The cluster id, `lkc-…`. */
        id: string;
        /** The cluster's REST endpoint, `https://pkc-….<region>.<cloud>.confluent.cloud:443`. */
        restBaseUrl: string;
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
      }>;
    }>;
  };
}
