import { createBackendModule } from '@backstage/backend-plugin-api';

/** Placeholder until the module lands. @public */
export const scaffolderModuleConfluent = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'confluent',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

export default scaffolderModuleConfluent;
