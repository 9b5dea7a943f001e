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
import { createConfluentCdcPreflightAction } from './cdcPreflight';
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';
import { createConfluentDataProductPlanAction } from './dataProductPlan';
import { createConfluentCatalogRefreshAction } from './catalogRefresh';
import {
  createConfluentDataProductChangeAction,
  createConfluentDataProductPlanChangeAction,
} from './dataProductChange';

export { CdcPreflightError } from './cdcPreflight';
export type { CdcPreflightActionOptions } from './cdcPreflight';
export type { DataProductPlanActionOptions } from './dataProductPlan';
export type { CatalogRefreshActionOptions } from './catalogRefresh';
export {
  createConfluentCdcPreflightAction,
  createConfluentConnectorCreateAction,
  createConfluentFlinkStatementCreateAction,
  createConfluentDataProductPlanAction,
  createConfluentCatalogRefreshAction,
  createConfluentDataProductChangeAction,
  createConfluentDataProductPlanChangeAction,
};

// The names before the `createConfluent…Action` scheme, kept for one
// release so installations that wire the actions by hand keep compiling.

/**
 * @public
 * @deprecated Use {@link createConfluentCdcPreflightAction}.
 */
export const createCdcPreflightAction = createConfluentCdcPreflightAction;
/**
 * @public
 * @deprecated Use {@link createConfluentConnectorCreateAction}.
 */
export const createConnectorCreateAction = createConfluentConnectorCreateAction;
/**
 * @public
 * @deprecated Use {@link createConfluentFlinkStatementCreateAction}.
 */
export const createFlinkStatementCreateAction =
  createConfluentFlinkStatementCreateAction;
/**
 * @public
 * @deprecated Use {@link createConfluentDataProductPlanAction}.
 */
export const createDataProductPlanAction = createConfluentDataProductPlanAction;
/**
 * @public
 * @deprecated Use {@link createConfluentCatalogRefreshAction}.
 */
export const createCatalogRefreshAction = createConfluentCatalogRefreshAction;
/**
 * @public
 * @deprecated Use {@link createConfluentDataProductChangeAction}.
 */
export const createDataProductChangeAction =
  createConfluentDataProductChangeAction;
/**
 * @public
 * @deprecated Use {@link createConfluentDataProductPlanChangeAction}.
 */
export const createDataProductPlanChangeAction =
  createConfluentDataProductPlanChangeAction;
