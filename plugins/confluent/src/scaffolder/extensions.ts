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
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { confluentPlugin } from '../plugin';
import {
  ChangePlanReviewField,
  changePlanReviewValidation,
} from './ChangePlanReviewField';
import { FlinkSqlEditorField } from './FlinkSqlEditorField';
import { PlanReviewField, planReviewValidation } from './PlanReviewField';
import { SinkDestinationPickerField } from './SinkDestinationPickerField';

/** The `ui:field` name of the plan review. @public */
export const CONFLUENT_PLAN_REVIEW_FIELD = 'ConfluentPlanReview';

/** The `ui:field` name of the change review. @public */
export const CONFLUENT_CHANGE_PLAN_REVIEW_FIELD = 'ConfluentChangePlanReview';

/** The `ui:field` name of the Flink SQL editor. @public */
export const FLINK_SQL_EDITOR_FIELD = 'FlinkSqlEditor';

/** The `ui:field` name of the sink destination picker. @public */
export const CONFLUENT_SINK_DESTINATION_FIELD = 'ConfluentSinkDestination';

/**
 * The plan review field of the streaming data product template, for the
 * legacy frontend system:
 * `<ScaffolderFieldExtensions><ConfluentPlanReviewFieldExtension /></ScaffolderFieldExtensions>`.
 * @public
 */
export const ConfluentPlanReviewFieldExtension = confluentPlugin.provide(
  createScaffolderFieldExtension({
    name: CONFLUENT_PLAN_REVIEW_FIELD,
    component: PlanReviewField,
    validation: planReviewValidation,
  }),
);

/**
 * The Flink SQL editor field, for the legacy frontend system.
 * @public
 */
export const FlinkSqlEditorFieldExtension = confluentPlugin.provide(
  createScaffolderFieldExtension({
    name: FLINK_SQL_EDITOR_FIELD,
    component: FlinkSqlEditorField,
  }),
);

/**
 * The sink destination picker (configured destinations only), for the
 * legacy frontend system.
 * @public
 */
export const ConfluentSinkDestinationFieldExtension = confluentPlugin.provide(
  createScaffolderFieldExtension({
    name: CONFLUENT_SINK_DESTINATION_FIELD,
    component: SinkDestinationPickerField,
  }),
);

/**
 * The change review of the "Change a data product" template, for the
 * legacy frontend system.
 * @public
 */
export const ConfluentChangePlanReviewFieldExtension = confluentPlugin.provide(
  createScaffolderFieldExtension({
    name: CONFLUENT_CHANGE_PLAN_REVIEW_FIELD,
    component: ChangePlanReviewField,
    validation: changePlanReviewValidation,
  }),
);
