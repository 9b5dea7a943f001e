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
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ChangePlanReviewField,
  changePlanReviewValidation,
} from './ChangePlanReviewField';
import { FlinkSqlEditorField } from './FlinkSqlEditorField';
import { PlanReviewField, planReviewValidation } from './PlanReviewField';
import { SinkDestinationPickerField } from './SinkDestinationPickerField';

/**
 * The plan review field, for the new frontend system's
 * `FormFieldBlueprint` (loaded lazily by `alpha.tsx`).
 * @alpha
 */
export const confluentPlanReviewFormField = createFormField({
  name: 'ConfluentPlanReview',
  component: PlanReviewField,
  validation: planReviewValidation,
});

/**
 * The Flink SQL editor field, for the new frontend system.
 * @alpha
 */
export const flinkSqlEditorFormField = createFormField({
  name: 'FlinkSqlEditor',
  component: FlinkSqlEditorField,
});

/**
 * The sink destination picker, for the new frontend system.
 * @alpha
 */
export const sinkDestinationFormField = createFormField({
  name: 'ConfluentSinkDestination',
  component: SinkDestinationPickerField,
});

/**
 * The change review field, for the new frontend system.
 * @alpha
 */
export const confluentChangePlanReviewFormField = createFormField({
  name: 'ConfluentChangePlanReview',
  component: ChangePlanReviewField,
  validation: changePlanReviewValidation,
});
