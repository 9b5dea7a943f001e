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
import { ReactNode, useEffect, useMemo, useRef } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Box, Text } from '@backstage/ui';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import {
  FieldExtensionComponentProps,
  scaffolderApiRef,
} from '@backstage/plugin-scaffolder-react';
import { useConfluentT } from '../translation';

/** A titled section of a review. */
export function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box as="section" aria-label={props.title} mt="6">
      <Text
        as="h3"
        variant="title-x-small"
        weight="bold"
        style={{ marginBottom: 8, display: 'block' }}
      >
        {props.title}
      </Text>
      {props.children}
    </Box>
  );
}

/** A plan's warnings, as a section; nothing when there are none. */
export function Warnings({ warnings }: { warnings: string[] }) {
  const t = useConfluentT();
  if (warnings.length === 0) return null;
  return (
    <Section title={t('review.warnings')}>
      <ul>
        {warnings.map(w => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </Section>
  );
}

/** Options of {@link DryRunReview}. */
export interface DryRunReviewProps<R, V> {
  /** The field's own props, as the scaffolder passes them. */
  field: FieldExtensionComponentProps<V | undefined, { templateRef?: string }>;
  /** The field's name in templates, for the error naming its option. */
  fieldName: string;
  /** The form's secrets the dry run needs (none by default). */
  secrets?: Record<string, string>;
  /** Reads the review from the dry run's output. */
  read(output: unknown): R;
  /** The field's value for a review: undefined while it has problems. */
  summary(review: R): V | undefined;
  /** The review as the user sees it. */
  render(review: R): ReactNode;
  testId: string;
  /** What is said while planning. */
  planning: string;
  /** The title of a failed plan. */
  errorTitle: string;
}

/**
 * A review field that runs its template as a scaffolder dry run with the
 * form's other values (the actions' own dry run: nothing changes) and shows
 * what the run will do. Its value is set only when the review has no
 * problems, so the field's validation keeps the run disabled until then.
 */
export function DryRunReview<R, V>(props: DryRunReviewProps<R, V>) {
  const { field, fieldName, read, summary, render } = props;
  const { onChange, formContext, uiSchema, name, rawErrors } = field;
  const t = useConfluentT();
  const scaffolderApi = useApi(scaffolderApiRef);
  const catalogApi = useApi(catalogApiRef);
  const params = useParams();
  const templateRef =
    uiSchema?.['ui:options']?.templateRef ??
    (params.templateName
      ? stringifyEntityRef({
          kind: 'Template',
          namespace: params.namespace ?? 'default',
          name: params.templateName,
        })
      : undefined);
  const values = useMemo(() => {
    const all: Record<string, unknown> = { ...(formContext?.formData ?? {}) };
    delete all[name];
    return all;
  }, [formContext?.formData, name]);
  const valuesKey = JSON.stringify(values);
  // Secrets are read when the plan is made, not a reason to plan again:
  // changing them means going back to their page, which remounts this field.
  const secrets = useRef(props.secrets);
  secrets.current = props.secrets;

  const state = useAsyncRetry(async (): Promise<R> => {
    if (!templateRef) {
      throw new Error(t('review.noTemplate', { field: fieldName }));
    }
    const template = (await catalogApi.getEntityByRef(templateRef)) as
      | TemplateEntityV1beta3
      | undefined;
    if (!template) {
      throw new Error(t('review.templateNotFound', { ref: templateRef }));
    }
    const response = await scaffolderApi.dryRun({
      template,
      values: JSON.parse(valuesKey),
      secrets: secrets.current ?? {},
      directoryContents: [],
    });
    return read(response.output);
    // `read` and `fieldName` are fixed per field.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templateRef, valuesKey, catalogApi, scaffolderApi]);

  const review = state.value;
  useEffect(() => {
    if (state.loading) return;
    onChange(review === undefined ? undefined : summary(review));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [review, state.loading]);

  return (
    <Box mt="2" data-testid={props.testId}>
      {state.loading && (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {props.planning}
          </Typography>
          <Progress />
        </>
      )}
      {state.error && (
        <>
          <ResponseErrorPanel error={state.error} title={props.errorTitle} />
          <Button sx={{ mt: 1 }} variant="outlined" onClick={state.retry}>
            {t('review.planAgain')}
          </Button>
        </>
      )}
      {review !== undefined && !state.loading && (
        <>
          {render(review)}
          <Button sx={{ mt: 2 }} variant="outlined" onClick={state.retry}>
            {t('review.planAgain')}
          </Button>
        </>
      )}
      {rawErrors?.length > 0 && !state.loading && (
        <Typography color="error" variant="body2" sx={{ mt: 1 }}>
          {rawErrors.join(' ')}
        </Typography>
      )}
    </Box>
  );
}
