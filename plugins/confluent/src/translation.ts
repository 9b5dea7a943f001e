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
  createTranslationRef,
  TranslationFunction,
  useTranslationRef,
} from '@backstage/core-plugin-api/alpha';
import {
  CONNECTOR_STATE_TEXTS,
  STATEMENT_PHASE_TEXTS,
  UNKNOWN_STATE_TEXT,
} from './components/stateTexts';

/**
 * Every user-visible string of the Confluent cards, pages and scaffolder
 * fields. Apps override or translate them with `createTranslationMessages`
 * or `createTranslationResource` on this ref (id `confluent`).
 *
 * Placeholders are i18next's `{{name}}`; counted strings have `_one` and
 * `_other` forms chosen by `count`.
 * @public
 */
export const confluentTranslationRef = createTranslationRef({
  id: 'confluent',
  messages: {
    common: {
      openInConfluentCloud: 'Open in Confluent Cloud',
      couldNotRefresh: 'Could not refresh the status: {{message}}',
      notFoundInConfluent: '{{kind}} {{name}} was not found in Confluent: ',
      statusNotRead: 'The status could not be read: ',
      retrying: '. Retrying.',
      unknownState: 'UNKNOWN',
      updatedAgo: 'updated {{age}} ago',
      agoWithPrefix: '{{prefix}} {{age}} ago',
      staleIntro: 'Confluent did not answer the last reads: {{message}}.',
      live: 'live',
      refreshedEvery: 'refreshed every {{seconds}} s',
      staleRead: ' This is the state read {{age}} ago',
      staleNothing: ' Nothing could be read yet',
      staleRetrying: '; retrying.',
      staleEnd: '.',
    },
    statementCard: {
      title_one: 'Flink statement',
      title_other: 'Flink statements',
      errorTitle: 'Flink statement status',
      kindStatement: 'Statement',
      detailsLabel: 'Details of {{name}}',
      kind: 'Kind',
      computePool: 'Compute pool',
      principal: 'Principal',
      scaling: 'Scaling',
      stateSize: 'State size',
      created: 'Created',
      updated: 'Updated',
      ended: 'Ended',
      latestOffsets: 'Latest offsets',
      asOf: 'as of {{time}}',
      latestExceptions_one: 'Latest exceptions ({{count}})',
      latestExceptions_other: 'Latest exceptions ({{count}})',
      stop: 'Stop',
      resume: 'Resume',
      cancel: 'Cancel',
      stopTitle: 'Stop {{name}}?',
      stopText:
        'The statement stops processing; what it writes stops updating until it is resumed.',
      changeFailed: 'Could not change {{name}}: {{message}}',
    },
    connectorCard: {
      title: 'Connector',
      errorTitle: 'Connector status',
      kindConnector: 'Connector',
      tasksLabel: 'Tasks of {{name}}',
      task: 'Task',
      state: 'State',
      worker: 'Worker',
      noTasks: 'No tasks yet.',
    },
    schemaCard: {
      title: 'Schema',
      noSchema: 'No schema',
      noFields: 'The schema has no fields',
      masked: 'Masked',
      pii: 'PII',
      helpMasked:
        'Holds a masked value: the personal data never reaches this topic.',
      helpDerivedFromMasked:
        'Computed from a masked value: it holds no personal data.',
      helpPii: 'Holds personal data.',
      helpDerivedFromPii:
        'Computed from personal data: it may still reveal it.',
      replacement: ' Replacement: {{replacement}}',
      suspectedPii: 'Suspected PII',
      suspectedHelp:
        'The name looks personal (like “{{pattern}}”) but no PII tag marks it. Only the name was checked, never a value.',
      suspectedNotTaggable:
        ' It has no Stream Catalog entity to tag (not a field of a named record).',
      tagPii: 'Tag PII',
      tagPiiLabel: 'Tag {{path}} PII',
      tagAllSuspected: 'Tag {{n}} suspected PII',
      tagged: 'Tagged {{paths}} PII in Stream Catalog.',
      tagFailed: 'Could not tag {{paths}}: {{message}}',
      subjectLine: '{{subject}} · version {{version}} · {{format}}',
      noPersonalData: 'No field carries personal data',
      personalData_one: 'Personal data in {{count}} field: {{masked}} masked',
      personalData_other:
        'Personal data in {{count}} fields: {{masked}} masked',
      suspectedCount: ' · {{n}} suspected',
      piiOnly: 'PII only',
      fieldsLabel: 'Fields of {{subject}}',
      field: 'Field',
      type: 'Type',
      nullable: 'Nullable',
      personalDataColumn: 'Personal data',
      yes: 'yes',
      no: 'no',
      inLineageTab: '{{path}} in the Lineage tab',
    },
    driftCard: {
      title: 'Drift',
      empty: 'No statement or connector to compare',
      notCreatedByPortal: 'Not created by the portal',
      drifted_one: 'Drifted: {{count}} difference',
      drifted_other: 'Drifted: {{count}} differences',
      asDeclared: 'As declared',
      nothingDeclared:
        'Nothing was declared for it, so there is nothing to compare.',
      declared: 'Declared {{time}}',
      changed: 'changed {{time}}',
      by: ' by {{who}}',
      changeUnknown: 'Confluent does not report when or by whom it changed',
      resourcesDiffer_one:
        'One resource differs from what the portal declared.',
      resourcesDiffer_other:
        '{{count}} resources differ from what the portal declared.',
    },
    materializedTableCard: {
      title: 'Materialized table',
      version: 'Version {{version}}',
      activating: 'Version {{version}} is activating.',
      versions: 'Versions',
      versionColumn: 'Version',
      created: 'Created',
      changes: 'Changes',
      current: ' (current)',
      createdChange: 'Created',
      queryChanged: 'Query changed',
    },
    historyCard: {
      title: 'Version history',
      subStatements: 'Each change replaced the statement blue/green',
      subMaterializedTable: 'Materialized table versions',
      deleted: 'Deleted',
      firstSql: 'SQL of the first version',
      sqlOf: 'SQL of {{label}}',
      sqlUnknown:
        'Its SQL is not known, so it cannot be compared with {{label}}.',
      sameSql: 'Same SQL as {{label}}.',
      sqlChangedDigest: 'SQL changed since {{label}} (the digests differ).',
      sqlChanges_one:
        'SQL changes since {{label}}: +{{added}} −{{removed}} line',
      sqlChanges_other:
        'SQL changes since {{label}}: +{{added}} −{{removed}} lines',
      sqlChangesOf: 'SQL changes of {{label}}',
      unchanged_one: '  … {{count}} unchanged line',
      unchanged_other: '  … {{count}} unchanged lines',
      created: 'Created {{time}}',
      principal: 'principal {{principal}}',
      computePool: 'compute pool {{pool}}',
      resumedFrom: 'resumed from {{from}}',
      queryChanged: 'Query changed',
      createdChange: 'Created',
      sqlDigest: 'SQL {{digest}}',
      current: 'Current',
      noApi: 'This Confluent API has no version history',
      empty: 'No versions to show',
      noneRunning: 'No version runs now.',
      sqlOwnersOnly:
        'The SQL is shown to the product’s owners only; the digests tell whether two versions differ.',
    },
    states: {
      statement: STATEMENT_PHASE_TEXTS,
      connector: CONNECTOR_STATE_TEXTS,
      unknown: UNKNOWN_STATE_TEXT,
    },
    lineage: {
      graphLabel: 'Column lineage graph',
      fitToScreen: 'Fit to screen',
      depth: 'Depth',
      wholeFlow: 'Whole flow',
      hops_one: '{{count}} hop',
      hops_other: '{{count}} hops',
      legend:
        'Select a column to follow it. Solid: the value flows in; dashed: only tested by a condition.',
      reading: 'Reading the lineage…',
      layingOut: 'Laying out {{boxes}} boxes and {{columns}} columns…',
      empty: 'No lineage known',
      emptyDescription:
        'Nothing in Confluent reads or writes this entity, and no column lineage is recorded for it.',
      restricted: 'Restricted',
      columnsNotKnown: 'Columns not known',
      statusUnavailable: 'status unavailable',
      nodeType: {
        dataProduct: 'Data product',
        kafkaTopic: 'Topic',
        databaseTable: 'Table',
        flinkStatement: 'Flink statement',
        kafkaConnector: 'Connector',
      },
      pii: {
        pii: 'PII',
        derivedFromPii: 'Derived from PII',
        masked: 'Masked',
        derivedFromMasked: 'Derived from masked',
      },
      impactCsv: 'Downstream impact CSV',
      impactJson: 'JSON',
    },
    lineageColumn: {
      label: 'Column lineage',
      clearSelection: 'Clear selection',
      piiValue: ': the value is {{replacement}}',
      restrictedEntity: 'Restricted entity',
      systemTable: '{{system}} table',
      verbIndirect: 'tested by a condition that decides',
      verbCopied: 'copied unchanged into',
      verbComputed: 'computed into',
      hop: '{{verb}} {{writes}}',
      hopAs: ' as {{expression}}',
      hopBy: ' by {{entity}}',
      upstream_one: 'Upstream ({{count}})',
      upstream_other: 'Upstream ({{count}})',
      downstream_one: 'Downstream ({{count}})',
      downstream_other: 'Downstream ({{count}})',
      nothingUpstream: 'Nothing upstream within the depth shown.',
      nothingDownstream: 'Nothing downstream within the depth shown.',
    },
    lineagePage: {
      title: 'Data lineage',
      subtitle: 'Where every column comes from and where it goes',
      searchLabel: 'Entity or column',
      searchAriaLabel: 'Search an entity or a column',
      owner: 'Owner',
      anyOwner: 'Any owner',
      piiOnly: 'PII only',
      nothingMatches: 'Nothing matches.',
      nothingMatchesQuery: 'Nothing matches "{{q}}".',
      resultsLabel: 'Search results',
      truncated: 'More match; refine the search.',
      pick: 'Search an entity or a column, then pick a result to see its lineage.',
    },
    changePlan: {
      planning:
        'Planning the change: reading the schema, Schema Registry and the lineage downstream. Nothing is changed.',
      errorTitle: 'The change could not be planned',
      noChangePlan:
        'This template has no output {{output}} (confluent:dataproduct:plan-change): there is nothing to review.',
      problems_one: '{{count}} problem: the change cannot go ahead',
      problems_other: '{{count}} problems: the change cannot go ahead',
      ready: '{{product}}, owned by {{owner}}: ready to change{{confirmed}}.',
      confirmed: ' — confirmed although it breaks what {{teams}} own',
      tell: 'Tell {{teams}} before changing {{product}}.',
      compatible: 'compatible',
      incompatible: 'INCOMPATIBLE',
      valueSchema: 'Value schema',
      registryOn: 'Schema Registry on {{subject}}',
      level: ' ({{level}})',
      noColumnChanges: 'No column changes.',
      schemaChangesLabel: 'Value schema changes',
      column: 'Column',
      change: 'Change',
      before: 'Before',
      after: 'After',
      impactTitle: 'Downstream impact',
      noImpact: 'Nothing downstream reads a removed or changed column.',
      reads: 'Reads',
      entity: 'Entity',
      owner: 'Owner',
      via: 'Via',
      viaOwner: 'Via owner',
      sinkTable: ' (sink table)',
      noOwner: 'no known owner',
      restricted_one: '{{count}} more downstream entity you may not read.',
      restricted_other: '{{count}} more downstream entities you may not read.',
      methodTitle: 'How it is applied',
      materializedTable:
        'CREATE OR ALTER MATERIALIZED TABLE as statement {{statement}}, START_MODE {{startMode}}{{version}}.',
      version: ': version {{from}} → {{to}}',
      blueGreen: 'Blue/green: {{statement}} replaces {{previous}}.',
    },
    flinkSqlEditor: {
      label: 'Flink SQL',
      problem: 'Line {{line}}, column {{column}}: {{message}}',
      valid: 'Valid Flink SQL ({{kind}}){{reads}}{{writes}}',
      reads: ' reads {{sources}}',
      writes: ' → writes {{sinks}}',
      prefillFailed: 'Could not read the current SQL of {{ref}}: {{message}}',
      validateFailed: 'Could not validate: {{message}}',
    },
    sinkDestination: {
      label: 'Destination',
      loadFailed: 'Could not load the configured destinations: {{message}}',
      noneConfigured:
        'No destination is configured on this portal: this sink cannot be created. Your platform team can add one under confluent.scaffolder.sinks; meanwhile remove this sink.',
      noneConfiguredFor:
        'No {{system}} destination is configured on this portal: this sink cannot be created. Your platform team can add one under confluent.scaffolder.sinks; meanwhile remove this sink.',
    },
    review: {
      warnings: 'Warnings',
      planAgain: 'Plan again',
      noTemplate:
        'Cannot tell which template to plan: set ui:options.templateRef on the {{field}} field',
      templateNotFound: 'Template {{ref}} not found',
    },
    planReview: {
      planning:
        'Planning: checking the database, the SQL and Confluent. Nothing is created.',
      errorTitle: 'The plan could not be made',
      noPlanStep:
        'This template has no plan step (confluent:dataproduct:plan) whose output is named {{plan}}: there is nothing to review.',
      action: {
        create: 'will be created',
        adopt: 'exists: adopted as is',
        restart: 'exists but failed: restarted',
        replace: 'exists but failed: submitted again',
        invalid: 'invalid',
      },
      check: {
        passed: 'passed',
        notChecked: 'not checked',
        failed: 'failed',
      },
      preflightTitle: 'Source database checks',
      checkColumn: 'Check',
      foundColumn: 'Found',
      fixColumn: 'Fix',
      configOf: 'Config of {{name}}',
      propertiesOf: 'Properties of {{name}}',
      columnLineageOf: 'Column lineage of {{name}}',
      columnColumn: 'Column',
      fromColumn: 'From',
      howColumn: 'How',
      copied: 'copied',
      computed: 'computed',
      writes: 'writes ',
      reads: 'reads ',
      in: ' in {{destination}}',
      statementFlow: 'reads {{reads}}',
      nothing: 'nothing',
      creates: ' → creates {{creates}}',
      problems_one: '{{count}} problem to fix before anything can be created',
      problems_other:
        '{{count}} problems to fix before anything can be created',
      notReadyTitle: 'The source database is not ready for CDC',
      notReadyText: 'The run stops at its first step until this is fixed:',
      fix: 'Fix: ',
      resources_one: '{{count}} resource',
      resources_other: '{{count}} resources',
      connectors_one: '{{count}} connector',
      connectors_other: '{{count}} connectors',
      statements_one: '{{count}} Flink statement',
      statements_other: '{{count}} Flink statements',
      summary:
        '{{product}}, owned by {{owner}}: {{resources}} to create ({{connectors}}, {{statements}}) in {{environment}} / {{cluster}}, connectors running as {{serviceAccount}}.',
      cdcSource: 'CDC source',
      flinkStatements: 'Flink statements',
      sinks: 'Sinks',
      personalDataTitle: 'Personal data reaching sinks',
      maskedAtSource:
        'Masked at the source, before leaving the database: {{fields}} (replaced with {{replacement}}).',
      noPersonalData: 'No personal data reaches a sink.',
      sinkTarget: 'Sink target',
      arrives: 'Arrives',
      masked: 'masked',
      unmasked: 'UNMASKED ({{status}})',
      suspectedTitle: 'Suspected personal data',
      suspected_one:
        '{{count}} column looks personal but is neither masked nor declared PII (only the names were checked, never a value).',
      suspected_other:
        '{{count}} columns look personal but are neither masked nor declared PII (only the names were checked, never a value).',
      suspectedFix:
        ' If they hold personal data, add {{columns}} to “PII fields to mask” or “Other PII fields” on the source page: they are then tagged PII in Stream Catalog and followed to every sink. Once the product exists, its owners can also tag a column from the Schema card.',
      tableColumn: 'Table',
      looksLike: 'Looks like',
      sourceTable: 'source table',
      statementOutput: 'statement output',
    },
  },
});

/**
 * The plugin's translation function, as a type: for helpers outside React
 * that word what a component shows (internal).
 */
export type ConfluentTranslate = TranslationFunction<
  typeof confluentTranslationRef.T
>;

/**
 * The plugin's translation function (internal: components call it, apps
 * use {@link confluentTranslationRef}).
 */
export function useConfluentT(): ConfluentTranslate {
  return useTranslationRef(confluentTranslationRef).t;
}
