import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readProviderConfigs } from './config';

const read = (entry: object) =>
  readProviderConfigs(
    new ConfigReader({ catalog: { providers: { confluent: entry } } }),
  );

describe('readProviderConfigs: ownershipRecheckEvery', () => {
  it('defaults to re-reading each ownership record within 10 full refreshes', () => {
    expect(read({ defaultOwner: 'team-a' })[0].ownershipRecheckEvery).toBe(10);
    expect(read({ ownershipRecheckEvery: 0 })[0].ownershipRecheckEvery).toBe(0);
  });

  it('rejects a value that is not a whole number of refreshes, naming the key', () => {
    for (const value of [-1, 2.5, 1001]) {
      expect(() => read({ ownershipRecheckEvery: value })).toThrow(
        new InputError(
          'catalog.providers.confluent.ownershipRecheckEvery must be an integer from 0 to 1000',
        ),
      );
    }
  });
});
