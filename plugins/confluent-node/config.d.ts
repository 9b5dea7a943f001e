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
     * (Optional) Timeout of each request attempt, in milliseconds. Default: `30000`
     */
    requestTimeoutMs?: number;
    /**
     * (Optional) Retries for idempotent requests (GET, PUT, DELETE) that get a
     * 429, a 5xx, a timeout or a network error. A POST is never retried unless
     * the operation is safe to repeat (Schema Registry register). Default: `4`
     */
    maxRetries?: number;
    /**
     * (Optional) First backoff delay in milliseconds; each retry doubles it,
     * with jitter. A `Retry-After` or `X-RateLimit-Reset` header on a 429
     * replaces the computed delay. Default: `500`
     */
    retryBaseDelayMs?: number;
    /**
     * (Optional) Upper bound of a single backoff delay in milliseconds, also
     * applied to `Retry-After`. Default: `30000`
     */
    retryMaxDelayMs?: number;
    /**
     * The Cloud API key: organization, IAM, Flink compute pools and Connect.
     */
    cloud: {
      /** (Optional) Default: `https://api.confluent.cloud` */
      baseUrl?: string;
      /** A Cloud API key (created for resource `cloud`). */
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
        /** A Flink API key for this environment and region. */
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
        /** The registry endpoint, `https://psrc-….<region>.<cloud>.confluent.cloud`; it also serves the Stream Catalog. */
        baseUrl: string;
        /** A Schema Registry API key for this registry. */
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
        /** A Kafka API key for this cluster. */
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
      }>;
    }>;
  };
}
