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
export {
  CONFLUENT_CHANGE_PLAN_REVIEW_FIELD,
  ConfluentChangePlanReviewFieldExtension,
  CONFLUENT_PLAN_REVIEW_FIELD,
  CONFLUENT_SINK_DESTINATION_FIELD,
  ConfluentPlanReviewFieldExtension,
  ConfluentSinkDestinationFieldExtension,
  FLINK_SQL_EDITOR_FIELD,
  FlinkSqlEditorFieldExtension,
} from './extensions';
export { FlinkSqlEditorField } from './FlinkSqlEditorField';
export type { FlinkSqlEditorUiOptions } from './FlinkSqlEditorField';
export { SinkDestinationPickerField } from './SinkDestinationPickerField';
export type { SinkDestinationPickerUiOptions } from './SinkDestinationPickerField';
export {
  PlanReviewField,
  PlanReviewView,
  planReviewValidation,
} from './PlanReviewField';
export type { PlanReviewUiOptions } from './PlanReviewField';
export {
  readPlanReview,
  planFingerprint,
  planSummary,
  sinkDestination,
} from './plan';
export type { PlanReview, PlanSummary } from './plan';
export {
  ChangePlanReviewField,
  ChangePlanView,
  changePlanReviewValidation,
} from './ChangePlanReviewField';
export type { ChangePlanReviewUiOptions } from './ChangePlanReviewField';
export { readChangeReview, changeSummary } from './changePlan';
export type { ChangeReview, ChangeSummary } from './changePlan';
