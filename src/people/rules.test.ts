import { describe, expect, it } from 'vitest';
import { covers, designationFitsOffice, mayActOn, periodIsValid } from './rules.js';

describe('periods of offices and designations', () => {
  it('includes the last day of an office', () => {
    const office = { startDate: '2022-03-30', endDate: '2026-03-31' };
    expect(covers(office, '2026-03-31')).toBe(true);
    expect(covers(office, '2026-04-01')).toBe(false);
    expect(covers(office, '2022-03-29')).toBe(false);
    expect(covers({ startDate: '2022-03-30', endDate: null }, '2040-01-01')).toBe(true);
  });

  it('refuses an end before the start', () => {
    expect(periodIsValid({ startDate: '2024-01-02', endDate: '2024-01-01' })).toBe(false);
    expect(periodIsValid({ startDate: '2024-01-02', endDate: '2024-01-02' })).toBe(true);
  });

  it('keeps a designation inside its office', () => {
    const office = { startDate: '2022-03-30', endDate: '2026-03-31' };
    expect(designationFitsOffice({ startDate: '2022-04-01', endDate: '2026-03-31' }, office)).toBe(true);
    expect(designationFitsOffice({ startDate: '2022-01-01', endDate: null }, office)).toBe(false);
    expect(designationFitsOffice({ startDate: '2022-04-01', endDate: null }, office)).toBe(false);
    expect(designationFitsOffice({ startDate: '2022-04-01', endDate: null }, { startDate: '2022-03-30', endDate: null })).toBe(true);
  });

  it('lets a person act only while both the designation and the office run', () => {
    const office = { startDate: '2022-03-30', endDate: '2024-12-31' };
    const designation = { startDate: '2023-01-01', endDate: null };
    expect(mayActOn(designation, office, '2024-06-01')).toBe(true);
    expect(mayActOn(designation, office, '2025-01-01')).toBe(false);
    expect(mayActOn(designation, office, '2022-12-31')).toBe(false);
  });
});
