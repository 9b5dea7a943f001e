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
import { Client } from 'pg';
import { PgTableName } from '../names';
import { FoundCheck, PreflightTarget } from './types';

const NUMERIC_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'double precision',
  'money',
]);
const NON_TEXT_TYPES = new Set([
  'boolean',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'time with time zone',
  'interval',
  'bytea',
  'uuid',
  'json',
  'jsonb',
  'ARRAY',
  'USER-DEFINED',
]);

/** Masked fields: MaskField fails on a type its replacement cannot fill. */
export async function maskFieldsCheck(
  client: Client,
  target: PreflightTarget,
  present: PgTableName[],
  checks: FoundCheck[],
): Promise<void> {
  if (target.maskFields.length) {
    const columns = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_schema, table_name, column_name, data_type
         FROM information_schema.columns
        WHERE column_name = ANY($1::text[])
          AND (table_schema, table_name) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [
        target.maskFields,
        present.map(t => t.schema),
        present.map(t => t.table),
      ],
    );
    const numericReplacement = /^-?\d+(\.\d+)?$/.test(target.maskReplacement);
    const bad = columns.rows.filter(c =>
      NUMERIC_TYPES.has(c.data_type)
        ? !numericReplacement
        : NON_TEXT_TYPES.has(c.data_type),
    );
    const absent = target.maskFields.filter(
      f => !columns.rows.some(c => c.column_name === f),
    );
    const problems = [
      ...bad.map(
        c =>
          `${c.table_schema}.${c.table_name}.${c.column_name} is ${c.data_type}, which '${target.maskReplacement}' cannot replace`,
      ),
      ...absent.map(f => `no captured table has a column '${f}'`),
    ];
    checks.push({
      id: 'mask_fields',
      title: 'The masked fields exist and accept the replacement',
      passed: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `Masking ${target.maskFields.join(', ')} with '${
            target.maskReplacement
          }'`,
      fix: problems.length
        ? 'Mask only text columns with a text replacement (numeric columns need a numeric one), and only columns of the captured tables.'
        : undefined,
    });
  }
}
