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
import { randomUUID } from 'node:crypto';
import { ApiError, errors } from '../http/errors';
import type { StatementPlanner } from '../flink/statementPlanner';
import type { Scheduler } from '../lifecycle/scheduler';
import type { ResolvedTimings } from '../options';
import type { StatementPhase, StatementRecord } from '../state/model';
import type { EmulatorStore } from '../state/store';

const NAME_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PRINCIPAL_PATTERN = /^(u-|sa-|pool-|crn:\/\/)/;
const MAX_STATEMENT_LENGTH = 131072;
const MAX_PROPERTIES = 8192;

// The real service keeps the 10 most recent exceptions.
const MAX_EXCEPTIONS = 10;

const STOPPABLE: StatementPhase[] = ['RUNNING', 'DEGRADED', 'FAILING'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(
  value: unknown,
  pointer: string,
  max: number,
  invalid: (message: string, pointer: string) => Error = errors.invalid,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    throw invalid(
      `The property '${pointer}' must be an object of strings`,
      pointer,
    );
  }
  const entries = Object.entries(value);
  if (entries.length > max) {
    throw invalid(
      `The property '${pointer}' has more than ${max} entries`,
      pointer,
    );
  }
  for (const [key, v] of entries) {
    if (typeof v !== 'string') {
      throw invalid(
        `The property '${pointer}/${key}' of type ${typeof v} did not match the following type: string`,
        `${pointer}/${key}`,
      );
    }
  }
  return value as Record<string, string>;
}

/** A label selector term: `k=v`, `k==v`, `k!=v`, `k` (exists), `!k` (absent). */
type LabelTerm = {
  key: string;
  op: '=' | '!=' | 'exists' | 'absent';
  value?: string;
};

/** Parses `label_selector`; terms separated by commas must all match. */
export function parseLabelSelector(selector: string): LabelTerm[] {
  return selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .map(term => {
      const match = /^([^=!\s]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
      if (match) {
        return {
          key: match[1],
          op: match[2] === '!=' ? '!=' : '=',
          value: match[3].trim(),
        };
      }
      if (/^![^=!\s]+$/.test(term)) return { key: term.slice(1), op: 'absent' };
      if (/^[^=!\s]+$/.test(term)) return { key: term, op: 'exists' };
      throw new ApiError(
        400,
        `Invalid label selector '${selector}': cannot parse '${term}'`,
        {
          code: 'invalid_filter',
          title: 'Invalid Filter',
          parameter: 'label_selector',
        },
      );
    });
}

function matchesSelector(
  labels: Record<string, string>,
  terms: LabelTerm[],
): boolean {
  return terms.every(term => {
    const value = labels[term.key];
    switch (term.op) {
      case '=':
        return value === term.value;
      case '!=':
        return value !== term.value;
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}

/**
 * Flink SQL statements: validation of create and update requests, the
 * PENDING → RUNNING | COMPLETED | FAILED, STOPPING → STOPPED and
 * DELETING → gone lifecycles, resource versions and exceptions.
 */
export class StatementService {
  readonly #store: EmulatorStore;
  readonly #scheduler: Scheduler;
  readonly #timings: ResolvedTimings;
  readonly #planner: StatementPlanner;
  readonly #onStarted?: (record: StatementRecord) => void;

  constructor(options: {
    store: EmulatorStore;
    scheduler: Scheduler;
    timings: ResolvedTimings;
    planner: StatementPlanner;
    /** Called when a statement has started (its tables exist). */
    onStarted?: (record: StatementRecord) => void;
  }) {
    this.#store = options.store;
    this.#scheduler = options.scheduler;
    this.#timings = options.timings;
    this.#planner = options.planner;
    this.#onStarted = options.onStarted;
  }

  /** The statements of an environment; 404 for an unknown org or environment. */
  statementsOf(
    organizationId: string,
    environmentId: string,
  ): Record<string, StatementRecord> {
    if (organizationId !== this.#store.state.organization.id) {
      throw errors.notFound(`Organization '${organizationId}' not found`);
    }
    if (!this.#store.environment(environmentId)) {
      throw errors.notFound(`Environment '${environmentId}' not found`);
    }
    let statements = this.#store.state.statements[environmentId];
    if (!statements) {
      statements = {};
      this.#store.state.statements[environmentId] = statements;
    }
    return statements;
  }

  list(
    organizationId: string,
    environmentId: string,
    filters: { computePoolId?: string; labelSelector?: string },
  ): StatementRecord[] {
    const terms = filters.labelSelector
      ? parseLabelSelector(filters.labelSelector)
      : [];
    return Object.values(this.statementsOf(organizationId, environmentId))
      .filter(
        s =>
          !filters.computePoolId ||
          s.spec.computePoolId === filters.computePoolId,
      )
      .filter(s => matchesSelector(s.labels, terms))
      .sort((a, b) => a.seq - b.seq);
  }

  get(
    organizationId: string,
    environmentId: string,
    name: string,
  ): StatementRecord {
    const record = this.statementsOf(organizationId, environmentId)[name];
    if (!record) throw errors.notFound(`Statement '${name}' not found`);
    return record;
  }

  create(
    organizationId: string,
    environmentId: string,
    body: unknown,
    defaultPrincipal: string,
    options: { at?: number; startNow?: boolean } = {},
  ): StatementRecord {
    const statements = this.statementsOf(organizationId, environmentId);
    if (!isObject(body))
      throw errors.badRequest('The request body must be a Statement object');
    const name = body.name;
    if (typeof name !== 'string' || name === '') {
      throw errors.invalid("The property '/name' is required", '/name');
    }
    if (name.length > 100 || !NAME_PATTERN.test(name)) {
      throw errors.invalid(
        `The property '/name' must be at most 100 characters and match the pattern '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*', got '${name}'`,
        '/name',
      );
    }
    const spec = body.spec;
    if (!isObject(spec))
      throw errors.invalid("The property '/spec' is required", '/spec');
    if (typeof spec.statement !== 'string' || spec.statement.trim() === '') {
      throw errors.invalid(
        "The property '/spec/statement' is required",
        '/spec/statement',
      );
    }
    if (spec.statement.length > MAX_STATEMENT_LENGTH) {
      throw errors.invalid(
        `The property '/spec/statement' must be at most ${MAX_STATEMENT_LENGTH} characters`,
        '/spec/statement',
      );
    }
    const properties = stringMap(
      spec.properties,
      '/spec/properties',
      MAX_PROPERTIES,
    );
    const computePoolId = this.#computePool(
      environmentId,
      spec.compute_pool_id,
    );
    const principal = this.#principal(spec.principal, defaultPrincipal);
    const metadata = isObject(body.metadata) ? body.metadata : {};
    const labels = stringMap(metadata.labels, '/metadata/labels', 64);
    if (spec.stopped !== undefined && typeof spec.stopped !== 'boolean') {
      throw errors.invalid(
        "The property '/spec/stopped' must be a boolean",
        '/spec/stopped',
      );
    }
    if (statements[name]) {
      throw errors.conflict(`Statement '${name}' already exists.`);
    }
    const now = new Date(options.at ?? Date.now()).toISOString();
    const record: StatementRecord = {
      seq: this.#store.nextSeq(),
      name,
      uid: randomUUID(),
      organizationId,
      environmentId,
      createdAt: now,
      updatedAt: now,
      resourceVersion: this.#store.nextResourceVersion(),
      labels: { ...labels },
      spec: {
        statement: spec.statement,
        properties: { ...properties },
        computePoolId,
        principal,
        stopped: spec.stopped === true,
      },
      phase: 'PENDING',
      detail: '',
      sourceTopics: [],
      offsets: { runMs: 0 },
      exceptions: [],
      warnings: [],
    };
    statements[name] = record;
    if (record.spec.stopped) {
      record.phase = 'STOPPED';
      record.endTime = now;
    } else if (options.startNow) {
      this.#start(record, options.at);
    } else {
      this.#scheduleTransition(
        record,
        'start',
        this.#timings.statementPendingMs,
      );
    }
    this.#store.changed();
    return record;
  }

  /**
   * A statement that has been running since `at` (seeds): validated like any
   * other and started at once; throws if it would not start.
   */
  seed(
    definition: {
      organizationId: string;
      environmentId: string;
      name: string;
      statement: string;
      properties: Record<string, string>;
      labels: Record<string, string>;
      computePoolId: string;
      principal: string;
    },
    at: number,
  ): StatementRecord {
    const record = this.create(
      definition.organizationId,
      definition.environmentId,
      {
        name: definition.name,
        metadata: { labels: definition.labels },
        spec: {
          statement: definition.statement,
          properties: definition.properties,
          compute_pool_id: definition.computePoolId,
          principal: definition.principal,
        },
      },
      definition.principal,
      { at, startNow: true },
    );
    if (record.phase === 'FAILED') {
      throw new Error(`Seed statement ${record.name} failed: ${record.detail}`);
    }
    return record;
  }

  /** `PUT`: stop, resume, relabel; 409 on a stale `resource_version`. */
  update(
    organizationId: string,
    environmentId: string,
    name: string,
    body: unknown,
  ) {
    const record = this.get(organizationId, environmentId, name);
    // The spec's PUT answers bad input with 400 (it lists no 422).
    const invalid = (message: string, pointer: string) =>
      errors.badRequest(message, { pointer });
    if (!isObject(body))
      throw errors.badRequest('The request body must be a Statement object');
    if (body.name !== undefined && body.name !== name) {
      throw invalid(
        `The property '/name' cannot be changed (from '${name}' to '${String(
          body.name,
        )}')`,
        '/name',
      );
    }
    const metadata = isObject(body.metadata) ? body.metadata : undefined;
    if (typeof metadata?.resource_version !== 'string') {
      throw invalid(
        "The property '/metadata/resource_version' is required",
        '/metadata/resource_version',
      );
    }
    if (metadata.resource_version !== record.resourceVersion) {
      throw new ApiError(
        409,
        `The statement '${name}' has been modified since it was read: resource_version '${metadata.resource_version}' is not the current '${record.resourceVersion}'. Get the statement, reapply your changes and try again.`,
        { code: 'conflict', title: 'Conflict' },
      );
    }
    const spec = isObject(body.spec) ? body.spec : undefined;
    if (typeof spec?.stopped !== 'boolean') {
      throw invalid(
        "The property '/spec/stopped' is required",
        '/spec/stopped',
      );
    }
    if (
      spec.statement !== undefined &&
      spec.statement !== record.spec.statement
    ) {
      throw invalid(
        "The property '/spec/statement' cannot be changed",
        '/spec/statement',
      );
    }
    if (
      spec.properties !== undefined &&
      JSON.stringify(
        sortKeys(
          stringMap(
            spec.properties,
            '/spec/properties',
            MAX_PROPERTIES,
            invalid,
          ),
        ),
      ) !== JSON.stringify(sortKeys(record.spec.properties))
    ) {
      throw invalid(
        "The property '/spec/properties' cannot be changed",
        '/spec/properties',
      );
    }
    const resuming = record.spec.stopped && !spec.stopped;
    const stopping = !record.spec.stopped && spec.stopped;
    const principal =
      spec.principal === undefined
        ? record.spec.principal
        : this.#principal(spec.principal, '', invalid);
    const computePoolId =
      spec.compute_pool_id === undefined
        ? record.spec.computePoolId
        : this.#computePool(environmentId, spec.compute_pool_id, invalid);
    if (
      !resuming &&
      (principal !== record.spec.principal ||
        computePoolId !== record.spec.computePoolId)
    ) {
      throw invalid(
        "The properties '/spec/principal' and '/spec/compute_pool_id' can only change when the statement is resumed",
        principal !== record.spec.principal
          ? '/spec/principal'
          : '/spec/compute_pool_id',
      );
    }
    if (stopping && !STOPPABLE.includes(record.phase)) {
      throw invalid(
        `Statement '${name}' cannot be stopped in phase ${record.phase}`,
        '/spec/stopped',
      );
    }
    if (resuming && record.phase !== 'STOPPED') {
      throw invalid(
        `Statement '${name}' cannot be resumed in phase ${record.phase}`,
        '/spec/stopped',
      );
    }
    const labels =
      metadata.labels === undefined
        ? record.labels
        : stringMap(metadata.labels, '/metadata/labels', 64, invalid);

    record.labels = { ...labels };
    record.spec.principal = principal;
    record.spec.computePoolId = computePoolId;
    record.spec.stopped = spec.stopped;
    if (stopping) {
      record.phase = 'STOPPING';
      this.#scheduleTransition(
        record,
        'stop',
        this.#timings.statementStoppingMs,
      );
    } else if (resuming) {
      record.phase = 'PENDING';
      record.detail = '';
      record.endTime = undefined;
      this.#scheduleTransition(
        record,
        'start',
        this.#timings.statementPendingMs,
      );
    }
    this.#touch(record);
  }

  delete(organizationId: string, environmentId: string, name: string) {
    const record = this.get(organizationId, environmentId, name);
    if (record.phase === 'DELETING') return;
    this.#stopOffsets(record);
    record.phase = 'DELETING';
    this.#scheduleTransition(
      record,
      'delete',
      this.#timings.statementDeletingMs,
    );
    this.#touch(record);
  }

  /** Re-arms a statement's pending step after the state was loaded. */
  restore(record: StatementRecord) {
    if (!record.transition) return;
    const { action, dueAt } = record.transition;
    this.#scheduler.schedule(this.#key(record), dueAt, () =>
      this.#run(record, action),
    );
  }

  /** The latest offsets of the topics a statement reads, as of `now`. */
  latestOffsets(
    record: StatementRecord,
    now: number,
  ): Record<string, string> | undefined {
    const { runMs, runningSince } = record.offsets;
    const elapsed =
      runMs + (runningSince !== undefined ? now - runningSince : 0);
    if (
      record.sourceTopics.length === 0 ||
      (elapsed === 0 && runningSince === undefined)
    ) {
      return undefined;
    }
    const ticks = Math.floor(elapsed / this.#timings.offsetTickMs);
    const offsets: Record<string, string> = {};
    for (const { clusterId, topic } of record.sourceTopics) {
      const partitions =
        this.#store.topicsOf(clusterId)[topic]?.partitionsCount ?? 1;
      const base = hash(`${clusterId}/${topic}`);
      offsets[topic] = Array.from({ length: partitions }, (_, p) => {
        const rate = 1 + ((base >> p % 16) & 7);
        return `partition:${p},offset:${(base % 1000) + p * 17 + ticks * rate}`;
      }).join(';');
    }
    return offsets;
  }

  #key(record: StatementRecord) {
    return `statement:${record.environmentId}:${record.name}`;
  }

  #isCurrent(record: StatementRecord) {
    return (
      this.#store.state.statements[record.environmentId]?.[record.name] ===
      record
    );
  }

  #computePool(
    environmentId: string,
    requested: unknown,
    invalid: (message: string, pointer: string) => Error = errors.invalid,
  ): string {
    if (requested !== undefined && requested !== null && requested !== '') {
      const pool =
        typeof requested === 'string'
          ? this.#store.state.computePools[requested]
          : undefined;
      if (!pool || pool.environmentId !== environmentId) {
        throw invalid(
          `Compute pool '${String(
            requested,
          )}' does not exist in environment '${environmentId}'`,
          '/spec/compute_pool_id',
        );
      }
      return pool.id;
    }
    const pools = Object.values(this.#store.state.computePools).filter(
      p => p.environmentId === environmentId,
    );
    const pool = pools.find(p => p.defaultPool) ?? pools[0];
    if (!pool) {
      throw invalid(
        `No compute pool given and environment '${environmentId}' has no default compute pool`,
        '/spec/compute_pool_id',
      );
    }
    return pool.id;
  }

  #principal(
    requested: unknown,
    fallback: string,
    invalid: (message: string, pointer: string) => Error = errors.invalid,
  ): string {
    if (requested === undefined || requested === null || requested === '') {
      if (fallback) return fallback;
      throw invalid(
        "The property '/spec/principal' is required",
        '/spec/principal',
      );
    }
    if (typeof requested !== 'string' || !PRINCIPAL_PATTERN.test(requested)) {
      throw invalid(
        `The property '/spec/principal' must be a user (u-…), service account (sa-…), identity pool (pool-…) or CRN, got '${String(
          requested,
        )}'`,
        '/spec/principal',
      );
    }
    if (
      requested.startsWith('sa-') &&
      !this.#store.state.serviceAccounts[requested]
    ) {
      throw invalid(
        `Service account '${requested}' does not exist`,
        '/spec/principal',
      );
    }
    return requested;
  }

  #scheduleTransition(
    record: StatementRecord,
    action: 'start' | 'stop' | 'delete',
    delayMs: number,
  ) {
    const dueAt = Date.now() + delayMs;
    record.transition = { action, dueAt };
    this.#scheduler.schedule(this.#key(record), dueAt, () =>
      this.#run(record, action),
    );
  }

  #run(record: StatementRecord, action: 'start' | 'stop' | 'delete') {
    if (!this.#isCurrent(record)) return;
    record.transition = undefined;
    if (action === 'start') {
      this.#start(record);
    } else if (action === 'stop') {
      this.#stopOffsets(record);
      record.phase = 'STOPPED';
      record.endTime = new Date().toISOString();
      this.#touch(record);
    } else {
      delete this.#store.state.statements[record.environmentId][record.name];
      this.#store.changed();
    }
  }

  #start(record: StatementRecord, at = Date.now()) {
    if (record.traits && record.traits.is_bounded === false) {
      // A resumed query continues from its offsets: its tables exist already.
      record.phase = 'RUNNING';
      record.offsets.runningSince = at;
      this.#touch(record, at);
      return;
    }
    const plan = this.#planner.plan(record);
    if ('exception' in plan) {
      this.#fail(record, plan.detail, plan.exception, at);
      return;
    }
    try {
      plan.apply();
    } catch (error) {
      // The table cannot be created as declared (a topic name Kafka refuses,
      // a column name Avro refuses): Flink fails such a statement.
      const message = (error as Error).message;
      this.#fail(
        record,
        `Failed to create the table: ${message}`,
        { name: 'org.apache.flink.table.api.TableException', message },
        at,
      );
      return;
    }
    record.phase = plan.phase;
    record.detail = plan.detail;
    record.traits = plan.traits;
    record.sourceTopics = plan.sourceTopics;
    if (plan.phase === 'RUNNING') {
      record.offsets.runningSince = at;
      this.#carryOffsets(record, at);
    } else {
      record.endTime = new Date(at).toISOString();
    }
    this.#touch(record, at);
    this.#onStarted?.(record);
  }

  /**
   * `sql.tables.initial-offset-from`: a new statement starts where the
   * named statement of the environment is now, on the topics both read
   * (offsets here follow from running time, so it takes over the other
   * one's; one without that statement starts from the beginning).
   */
  #carryOffsets(record: StatementRecord, at: number) {
    const from = record.spec.properties['sql.tables.initial-offset-from'];
    const previous = from
      ? this.#store.state.statements[record.environmentId]?.[from]
      : undefined;
    if (!previous || previous === record) return;
    const { runMs, runningSince } = previous.offsets;
    record.offsets.runMs =
      runMs + (runningSince !== undefined ? at - runningSince : 0);
  }

  #fail(
    record: StatementRecord,
    detail: string,
    exception: { name: string; message: string },
    at: number,
  ) {
    const timestamp = new Date(at).toISOString();
    record.phase = 'FAILED';
    record.detail = detail;
    record.endTime = timestamp;
    record.exceptions = [
      { ...exception, timestamp },
      ...record.exceptions,
    ].slice(0, MAX_EXCEPTIONS);
    this.#touch(record, at);
  }

  #stopOffsets(record: StatementRecord) {
    const { runningSince } = record.offsets;
    if (runningSince !== undefined) {
      record.offsets.runMs += Date.now() - runningSince;
      record.offsets.runningSince = undefined;
    }
  }

  #touch(record: StatementRecord, at = Date.now()) {
    record.updatedAt = new Date(at).toISOString();
    record.resourceVersion = this.#store.nextResourceVersion();
    this.#store.changed();
  }
}

function sortKeys(map: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(map).sort(([a], [b]) => a.localeCompare(b)),
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
