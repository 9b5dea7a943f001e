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
 * Drift: what the scaffolder declared for a statement or a connector (its
 * "declared fingerprint") against what runs in Confluent now. The
 * fingerprint never holds a secret: connector secrets are left out by key
 * (the scaffolder knows which keys it filled from secrets), statement
 * properties that look like secrets too, and SQL is kept as a digest.
 */

/**
 * Annotation the entity provider writes on a statement or connector entity
 * that has a declared fingerprint: `drifted` when the live resource differs
 * from it, `in-sync` when it does not. Absent: nothing was declared (the
 * resource was not made by the portal).
 * @public
 */
export const ANNOTATION_CONFLUENT_DRIFT = 'confluent.io/drift';

/**
 * Annotation next to {@link ANNOTATION_CONFLUENT_DRIFT}: a one-line summary
 * of the differences (at most a few), for lists and search.
 * @public
 */
export const ANNOTATION_CONFLUENT_DRIFT_SUMMARY = 'confluent.io/drift-summary';

/**
 * Stream Catalog business metadata where the scaffolder records declared
 * fingerprints, on the topic a resource writes (a sink: the topic it
 * reads). Attribute {@link DECLARED_ATTRIBUTE} holds a JSON object of
 * fingerprints by {@link declaredKey}, so several resources can share a
 * topic.
 * @public
 */
export const BUSINESS_METADATA_DECLARED = 'backstage_declared';

/** The attribute of {@link BUSINESS_METADATA_DECLARED}. @public */
export const DECLARED_ATTRIBUTE = 'resources';

/**
 * Config keys Confluent Cloud adds to a connector config it stores (and
 * the service account's key and secret, which it makes and masks): never
 * declared, so never drift.
 * @public
 */
export const CONNECTOR_SERVER_KEYS: ReadonlyArray<string> = [
  'name',
  'cloud.environment',
  'cloud.provider',
  'kafka.endpoint',
  'kafka.region',
  'kafka.api.key',
  'kafka.api.secret',
];

/** What the scaffolder declared for a Flink statement. @public */
export interface DeclaredStatement {
  kind: 'statement';
  name: string;
  environmentId: string;
  /** `sha256:<hex>` of the SQL text as submitted (trimmed). */
  sqlDigest: string;
  /** Statement properties as submitted, secret-looking keys left out. */
  properties: Record<string, string>;
  computePoolId?: string;
  principal?: string;
  /** The statement's `metadata.uid` once created: a replacement has another. */
  uid?: string;
  /** The statement's `metadata.created_at` once created. */
  createdAt?: string;
  /** When the run recorded this (ISO time). */
  declaredAt: string;
  /** The user whose run declared it (entity ref). */
  declaredBy?: string;
}

/** What the scaffolder declared for a connector. @public */
export interface DeclaredConnector {
  kind: 'connector';
  name: string;
  environmentId: string;
  kafkaClusterId: string;
  /** The submitted config without its secrets (and without server keys). */
  config: Record<string, string>;
  /** Keys whose values are secrets: left out, and ignored when comparing. */
  secretKeys: string[];
  declaredAt: string;
  declaredBy?: string;
}

/** A declared fingerprint. @public */
export type DeclaredFingerprint = DeclaredStatement | DeclaredConnector;

/** A statement as it runs now, as far as drift is concerned. @public */
export interface LiveStatement {
  name: string;
  uid?: string;
  createdAt?: string;
  updatedAt?: string;
  sqlDigest: string;
  properties: Record<string, string>;
  computePoolId?: string;
  principal?: string;
}

/** A connector as it runs now: its config as Connect returns it. @public */
export interface LiveConnector {
  name: string;
  config: Record<string, string>;
}

/** What kind of difference one drift entry is. @public */
export type DriftChange =
  | 'missing'
  | 'replaced'
  | 'sql-changed'
  | 'smt-removed'
  | 'smt-added'
  | 'added'
  | 'removed'
  | 'changed';

/** One difference between the declared and the live resource. @public */
export interface DriftDifference {
  change: DriftChange;
  /** The property, config key or SMT name concerned, when there is one. */
  key?: string;
  /** The declared value (never a secret). */
  declared?: string;
  /** The live value (never a secret: Connect masks them, and secret keys are skipped). */
  live?: string;
  /** One sentence for people. */
  message: string;
}

/** The drift of one resource. @public */
export interface ResourceDrift {
  kind: 'statement' | 'connector';
  name: string;
  /** Whether the portal declared this resource (false: nothing to compare). */
  declared: boolean;
  drifted: boolean;
  differences: DriftDifference[];
  declaredAt?: string;
  declaredBy?: string;
  /**
   * When the live resource last changed, when Confluent says so (a
   * statement's `updated_at`, or `created_at` when it was replaced). The
   * Connect API reports no time.
   */
  changedAt?: string;
  /**
   * Who changed it, when Confluent says so. Neither the Flink statement API
   * nor the Connect API reports an author today, so this is usually absent.
   */
  changedBy?: string;
  consoleUrl?: string;
}

/** Body of `GET /entities/:kind/:namespace/:name/drift`. @public */
export interface ConfluentDriftResponse {
  entityRef: string;
  resources: ResourceDrift[];
  checkedAt: string;
}

/** The key of a fingerprint in the {@link DECLARED_ATTRIBUTE} map. @public */
export function declaredKey(
  fingerprint:
    | Pick<DeclaredStatement, 'kind' | 'name' | 'environmentId'>
    | Pick<
        DeclaredConnector,
        'kind' | 'name' | 'environmentId' | 'kafkaClusterId'
      >,
): string {
  return fingerprint.kind === 'statement'
    ? `statement:${fingerprint.environmentId}/${fingerprint.name}`
    : `connector:${fingerprint.environmentId}/${
        (fingerprint as DeclaredConnector).kafkaClusterId
      }/${fingerprint.name}`;
}

/**
 * Key patterns whose values are secrets, in connector configs and statement
 * properties: the union of the suite's redaction patterns (Confluent's
 * secret keys and the client's redactor).
 * @public
 */
export const SECRET_CONFIG_KEY_PATTERN =
  /(password|secret|private[._-]?key|token|credential|passphrase|jaas\.config|credentials\.json)/i;

/** Whether a value is a secret placeholder or Connect's mask. */
function maskedOrPlaceholder(value: string): boolean {
  return /^\*{4,}$/.test(value) || /^<secret [^>]*>$/.test(value);
}

/**
 * A config or properties map without secrets: keys that hold secrets (the
 * given ones and any secret-looking key), masked values and redaction
 * placeholders are left out.
 * @public
 */
export function withoutSecrets(
  map: Record<string, string> | undefined,
  secretKeys: ReadonlyArray<string> = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    if (typeof value !== 'string') continue;
    if (secretKeys.includes(key) || SECRET_CONFIG_KEY_PATTERN.test(key)) {
      continue;
    }
    if (maskedOrPlaceholder(value)) continue;
    out[key] = value;
  }
  return out;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

const quote = (value: string | undefined) =>
  value === undefined ? 'nothing' : `'${value}'`;

/** Differences between two flat maps, key by key. */
function mapDifferences(
  what: string,
  declared: Record<string, string>,
  live: Record<string, string>,
  ignore: (key: string) => boolean,
): DriftDifference[] {
  const out: DriftDifference[] = [];
  const keys = [...new Set([...Object.keys(declared), ...Object.keys(live)])]
    .filter(k => !ignore(k))
    .sort();
  for (const key of keys) {
    const d = declared[key];
    const l = live[key];
    if (d === l) continue;
    if (d === undefined) {
      out.push({
        change: 'added',
        key,
        live: l,
        message: `${what} ${key} was added (${quote(l)})`,
      });
    } else if (l === undefined) {
      out.push({
        change: 'removed',
        key,
        declared: d,
        message: `${what} ${key} was removed (declared ${quote(d)})`,
      });
    } else {
      out.push({
        change: 'changed',
        key,
        declared: d,
        live: l,
        message: `${what} ${key} changed from ${quote(d)} to ${quote(l)}`,
      });
    }
  }
  return out;
}

function result(
  declared: DeclaredFingerprint,
  differences: DriftDifference[],
  extra: Partial<ResourceDrift> = {},
): ResourceDrift {
  return {
    kind: declared.kind,
    name: declared.name,
    declared: true,
    drifted: differences.length > 0,
    differences,
    declaredAt: declared.declaredAt,
    ...(declared.declaredBy ? { declaredBy: declared.declaredBy } : {}),
    ...extra,
  };
}

/**
 * The drift of a statement: gone, replaced outside the portal (another
 * `uid`), other SQL, other properties, another principal or compute pool.
 * @public
 */
export function statementDrift(
  declared: DeclaredStatement,
  live: LiveStatement | undefined,
): ResourceDrift {
  if (!live) {
    return result(declared, [
      {
        change: 'missing',
        message: `Statement ${declared.name} no longer exists in Confluent`,
      },
    ]);
  }
  const differences: DriftDifference[] = [];
  const replaced = Boolean(
    declared.uid && live.uid && declared.uid !== live.uid,
  );
  if (replaced) {
    differences.push({
      change: 'replaced',
      declared: declared.createdAt,
      live: live.createdAt,
      message: `Statement ${
        declared.name
      } was deleted and created again outside the portal${
        live.createdAt ? ` (at ${live.createdAt})` : ''
      }`,
    });
  }
  if (declared.sqlDigest !== live.sqlDigest) {
    differences.push({
      change: 'sql-changed',
      message: `The SQL of ${declared.name} is not the SQL the portal submitted`,
    });
  }
  differences.push(
    ...mapDifferences(
      'Property',
      declared.properties,
      withoutSecrets(live.properties),
      () => false,
    ),
  );
  for (const [field, label] of [
    ['principal', 'Principal'],
    ['computePoolId', 'Compute pool'],
  ] as const) {
    const d = declared[field];
    const l = live[field];
    if (d && l && d !== l) {
      differences.push({
        change: 'changed',
        key: field,
        declared: d,
        live: l,
        message: `${label} changed from '${d}' to '${l}'`,
      });
    }
  }
  // A replacement happened when it was created; anything else, at its last
  // update (as far as Confluent's statement metadata tells).
  let changedAt: string | undefined;
  if (replaced) changedAt = live.createdAt;
  else if (differences.length) changedAt = live.updatedAt;
  return result(declared, differences, changedAt ? { changedAt } : {});
}

/**
 * The drift of a connector: gone, Single Message Transforms removed or
 * added (a masking SMT removed is the case that matters most: PII flows
 * unmasked), and every other config key added, removed or changed.
 * Secret keys, Connect's masked values and server-added keys are ignored.
 * @public
 */
export function connectorDrift(
  declared: DeclaredConnector,
  live: LiveConnector | undefined,
): ResourceDrift {
  if (!live) {
    return result(declared, [
      {
        change: 'missing',
        message: `Connector ${declared.name} no longer exists in Confluent`,
      },
    ]);
  }
  const liveConfig = withoutSecrets(live.config, declared.secretKeys);
  const declaredConfig = withoutSecrets(declared.config, declared.secretKeys);
  const differences: DriftDifference[] = [];
  const declaredSmts = list(declaredConfig.transforms);
  const liveSmts = list(liveConfig.transforms);
  const smtOf = (key: string) => /^transforms\.([^.]+)\./.exec(key)?.[1];
  // Keys of an SMT that was removed or added entirely are that one change.
  const wholeSmts = new Set<string>();
  for (const smt of declaredSmts.filter(s => !liveSmts.includes(s))) {
    wholeSmts.add(smt);
    const type = declaredConfig[`transforms.${smt}.type`];
    differences.push({
      change: 'smt-removed',
      key: smt,
      declared: type,
      message: `SMT ${smt}${
        type ? ` (${type})` : ''
      } was removed from the connector`,
    });
  }
  for (const smt of liveSmts.filter(s => !declaredSmts.includes(s))) {
    wholeSmts.add(smt);
    const type = liveConfig[`transforms.${smt}.type`];
    differences.push({
      change: 'smt-added',
      key: smt,
      live: type,
      message: `SMT ${smt}${
        type ? ` (${type})` : ''
      } was added to the connector`,
    });
  }
  const sameSmtsInOtherOrder =
    declaredSmts.length === liveSmts.length &&
    declaredSmts.some((s, i) => liveSmts[i] !== s) &&
    wholeSmts.size === 0;
  differences.push(
    ...mapDifferences('Config', declaredConfig, liveConfig, key => {
      if (CONNECTOR_SERVER_KEYS.includes(key)) return true;
      if (key === 'transforms') return !sameSmtsInOtherOrder;
      const smt = smtOf(key);
      return Boolean(smt && wholeSmts.has(smt));
    }),
  );
  return result(declared, differences);
}

/** A short summary of differences for an annotation. @public */
export function driftSummary(drift: ResourceDrift, max = 3): string {
  const shown = drift.differences.slice(0, max).map(d => d.message);
  const more = drift.differences.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}
