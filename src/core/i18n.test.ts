import { describe, expect, it } from 'vitest';
import { pickLanguage } from './i18n.js';

describe('the response language', () => {
  it('is Dutch when the client prefers Dutch and English otherwise', () => {
    expect(pickLanguage('nl')).toBe('nl');
    expect(pickLanguage('nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(pickLanguage('en-GB,nl;q=0.5')).toBe('en');
    expect(pickLanguage('de-DE')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });
});
