import { ConfigError, loadConfig } from './config.js';

describe('HOST', () => {
  it('is loopback by default outside production, every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
  });

  it('is what HOST says, a name or an address', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: 'deals.internal' }).host).toBe('deals.internal');
  });

  it('refuses what cannot be a host, naming the variable', () => {
    expect(() => loadConfig({ HOST: 'http://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: 'a b' })).toThrow(/HOST/);
  });
});
