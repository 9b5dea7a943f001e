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
import {
  connectorDrift,
  DeclaredConnector,
  DeclaredStatement,
  declaredKey,
  driftSummary,
  LiveStatement,
  statementDrift,
  withoutSecrets,
} from './drift';

const statement: DeclaredStatement = {
  kind: 'statement',
  name: 'products',
  environmentId: 'env-1',
  sqlDigest: 'sha256:aaa',
  properties: { 'sql.state-ttl': '1 DAYS', 'sql.current-catalog': 'env-1' },
  computePoolId: 'lfcp-1',
  principal: 'sa-1',
  uid: 'uid-1',
  createdAt: '2026-12-01T10:00:00Z',
  declaredAt: '2026-12-01T10:00:05Z',
  declaredBy: 'user:default/alice',
};

const live = (extra: Partial<LiveStatement> = {}): LiveStatement => ({
  name: 'products',
  uid: 'uid-1',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-02T08:00:00Z',
  sqlDigest: 'sha256:aaa',
  properties: { 'sql.state-ttl': '1 DAYS', 'sql.current-catalog': 'env-1' },
  computePoolId: 'lfcp-1',
  principal: 'sa-1',
  ...extra,
});

const connector: DeclaredConnector = {
  kind: 'connector',
  name: 'crm',
  environmentId: 'env-1',
  kafkaClusterId: 'lkc-1',
  config: {
    'connector.class': 'PostgresCdcSourceV2',
    'tasks.max': '1',
    transforms: 'maskPii,route',
    'transforms.maskPii.type': 'MaskField$Value',
    'transforms.maskPii.fields': 'email',
    'transforms.route.type': 'RegexRouter',
  },
  secretKeys: ['database.password'],
  declaredAt: '2026-12-01T10:00:05Z',
};

describe('statementDrift', () => {
  it('finds nothing on the statement as declared', () => {
    expect(statementDrift(statement, live())).toMatchObject({
      declared: true,
      drifted: false,
      differences: [],
      declaredBy: 'user:default/alice',
    });
    expect(statementDrift(statement, live()).changedAt).toBeUndefined();
  });

  it('reports a deleted statement', () => {
    expect(statementDrift(statement, undefined).differences).toEqual([
      expect.objectContaining({ change: 'missing' }),
    ]);
  });

  it('reports a replacement, other SQL and properties, dated by its creation', () => {
    const drift = statementDrift(
      statement,
      live({
        uid: 'uid-2',
        createdAt: '2026-12-03T09:00:00Z',
        sqlDigest: 'sha256:bbb',
        properties: {
          'sql.current-catalog': 'env-1',
          'sql.state-ttl': '2 DAYS',
          'sql.local-time-zone': 'UTC',
          'sql.secrets.openai': 'sk-live-secret',
        },
      }),
    );
    expect(drift.changedAt).toBe('2026-12-03T09:00:00Z');
    expect(drift.differences.map(d => [d.change, d.key])).toEqual([
      ['replaced', undefined],
      ['sql-changed', undefined],
      ['added', 'sql.local-time-zone'],
      ['changed', 'sql.state-ttl'],
    ]);
    expect(JSON.stringify(drift)).not.toContain('sk-live-secret');
  });

  it('reports a principal changed on resume, dated by its last update', () => {
    const drift = statementDrift(statement, live({ principal: 'sa-2' }));
    expect(drift.differences).toEqual([
      expect.objectContaining({
        change: 'changed',
        key: 'principal',
        declared: 'sa-1',
        live: 'sa-2',
      }),
    ]);
    expect(drift.changedAt).toBe('2026-12-02T08:00:00Z');
  });
});

describe('connectorDrift', () => {
  const liveConfig = {
    ...connector.config,
    name: 'crm',
    'cloud.provider': 'aws',
    'kafka.endpoint': 'SASL_SSL://x',
    'kafka.api.key': '****************',
    'database.password': '****************',
  };

  it('ignores server keys, masks and secret keys', () => {
    expect(
      connectorDrift(connector, { name: 'crm', config: liveConfig }),
    ).toMatchObject({ drifted: false, differences: [] });
  });

  it('reports an SMT removed as one change, not as each of its keys', () => {
    const config = { ...liveConfig, transforms: 'route' };
    delete (config as Record<string, string>)['transforms.maskPii.type'];
    delete (config as Record<string, string>)['transforms.maskPii.fields'];
    const drift = connectorDrift(connector, { name: 'crm', config });
    expect(drift.differences).toEqual([
      expect.objectContaining({
        change: 'smt-removed',
        key: 'maskPii',
        declared: 'MaskField$Value',
      }),
    ]);
    expect(driftSummary(drift)).toBe(
      'SMT maskPii (MaskField$Value) was removed from the connector',
    );
  });

  it('reports an SMT added, SMTs reordered and a key changed', () => {
    const added = connectorDrift(connector, {
      name: 'crm',
      config: {
        ...liveConfig,
        transforms: 'maskPii,route,drop',
        'transforms.drop.type': 'Drop',
      },
    });
    expect(added.differences.map(d => [d.change, d.key])).toEqual([
      ['smt-added', 'drop'],
    ]);
    const reordered = connectorDrift(connector, {
      name: 'crm',
      config: { ...liveConfig, transforms: 'route,maskPii', 'tasks.max': '4' },
    });
    expect(reordered.differences.map(d => [d.change, d.key])).toEqual([
      ['changed', 'tasks.max'],
      ['changed', 'transforms'],
    ]);
  });

  it('reports a deleted connector', () => {
    expect(connectorDrift(connector, undefined).differences).toEqual([
      expect.objectContaining({ change: 'missing' }),
    ]);
  });
});

describe('fingerprint helpers', () => {
  it('keys statements by environment and connectors by cluster', () => {
    expect(declaredKey(statement)).toBe('statement:env-1/products');
    expect(declaredKey(connector)).toBe('connector:env-1/lkc-1/crm');
  });

  it('drops secrets, masks and placeholders', () => {
    expect(
      withoutSecrets(
        {
          user: 'u',
          'connection.password': 'p',
          other: '<secret secrets.x>',
          masked: '********',
          listed: 'v',
        },
        ['listed'],
      ),
    ).toEqual({ user: 'u' });
  });
});
