import { createBackendPlugin } from '@backstage/backend-plugin-api';

/** Placeholder until the plugin lands. @public */
export const confluentPlugin = createBackendPlugin({
  pluginId: 'confluent',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

export default confluentPlugin;
