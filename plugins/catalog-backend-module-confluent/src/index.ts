import { createBackendModule } from '@backstage/backend-plugin-api';

/** Placeholder until the module lands. @public */
export const catalogModuleConfluentProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'confluent-provider',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

export default catalogModuleConfluentProvider;
