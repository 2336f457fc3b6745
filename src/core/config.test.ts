import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('lets the public address follow the port unless it is set', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://verenigd.example' }).PUBLIC_URL).toBe('https://verenigd.example');
  });

  it('refuses a setting it cannot use, naming it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: 'verenigd.example' })).toThrow(/PUBLIC_URL/);
  });
});
