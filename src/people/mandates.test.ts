import { describe, expect, it } from 'vitest';
import { confirmationRefusal, mandateInForce, needsConfirmation, type Mandate } from './mandates.js';

const mandate = (over: Partial<Mandate['designation']> = {}, office: Partial<Mandate['office']> = {}, accountBlocked = false): Mandate => ({
  designation: { startDate: '2026-01-01', endDate: null, status: 'in-force', ...over },
  office: { startDate: '2025-01-01', endDate: null, ...office },
  accountBlocked,
});

describe('mandateInForce', () => {
  it('holds on a day covered by designation and office', () => {
    expect(mandateInForce(mandate(), '2026-06-01')).toBe(true);
  });
  it('holds on the last day of the designation and ends the day after', () => {
    expect(mandateInForce(mandate({ endDate: '2026-06-01' }), '2026-06-01')).toBe(true);
    expect(mandateInForce(mandate({ endDate: '2026-05-31' }), '2026-06-01')).toBe(false);
  });
  it('ends with the office', () => {
    expect(mandateInForce(mandate({}, { endDate: '2026-05-31' }), '2026-06-01')).toBe(false);
  });
  it('does not start before the designation', () => {
    expect(mandateInForce(mandate({ startDate: '2026-06-02' }), '2026-06-01')).toBe(false);
  });
  it('gives nothing while pending or once revoked', () => {
    expect(mandateInForce(mandate({ status: 'pending' }), '2026-06-01')).toBe(false);
    expect(mandateInForce(mandate({ status: 'revoked' }), '2026-06-01')).toBe(false);
  });
  it('gives nothing to a blocked account', () => {
    expect(mandateInForce(mandate({}, {}, true), '2026-06-01')).toBe(false);
  });
});

describe('needsConfirmation (four-eyes)', () => {
  it('lets the system designate at once', () => {
    expect(needsConfirmation({ actorId: null, designatedPersonId: 'p', actorControlsPerson: false })).toBe(false);
  });
  it('holds a designation an account makes for itself', () => {
    expect(needsConfirmation({ actorId: 'p', designatedPersonId: 'p', actorControlsPerson: false })).toBe(true);
  });
  it('holds a designation for a person the account created, invited or re-addressed', () => {
    expect(needsConfirmation({ actorId: 's', designatedPersonId: 'p', actorControlsPerson: true })).toBe(true);
  });
  it('lets staff designate someone they do not control', () => {
    expect(needsConfirmation({ actorId: 's', designatedPersonId: 'p', actorControlsPerson: false })).toBe(false);
  });
});

describe('confirmationRefusal', () => {
  const base = { status: 'pending' as const, requestedById: 'a', confirmerId: 'b', designatedPersonId: 'p' };
  it('lets a second account confirm', () => expect(confirmationRefusal(base)).toBeNull());
  it('refuses the account that asked', () => expect(confirmationRefusal({ ...base, confirmerId: 'a' })).toBe('own-request'));
  it('refuses the designated person', () => expect(confirmationRefusal({ ...base, confirmerId: 'p' })).toBe('own-designation'));
  it('refuses the system as second pair of eyes', () => expect(confirmationRefusal({ ...base, confirmerId: null })).toBe('own-request'));
  it('refuses what is not pending', () => {
    expect(confirmationRefusal({ ...base, status: 'in-force' })).toBe('not-pending');
    expect(confirmationRefusal({ ...base, status: 'revoked' })).toBe('not-pending');
  });
});
