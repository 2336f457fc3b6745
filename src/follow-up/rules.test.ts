import { describe, expect, it } from 'vitest';
import { addMonths, FOLLOW_UP_STATUSES, isFinished, isOverdue, reportMeetings, STATUS_LABELS, statusChangeRefusal } from './rules.js';

describe('follow-up rules', () => {
  it('is overdue only after the due date and while not finished', () => {
    expect(isOverdue({ dueDate: '2025-01-10', status: 'open' }, '2025-01-10')).toBe(false);
    expect(isOverdue({ dueDate: '2025-01-10', status: 'open' }, '2025-01-11')).toBe(true);
    expect(isOverdue({ dueDate: '2025-01-10', status: 'in-progress' }, '2025-03-01')).toBe(true);
    expect(isOverdue({ dueDate: '2025-01-10', status: 'done' }, '2025-03-01')).toBe(false);
    expect(isOverdue({ dueDate: '2025-01-10', status: 'not-carried-out' }, '2025-03-01')).toBe(false);
  });

  it('finishes with done or not carried out', () => {
    expect(FOLLOW_UP_STATUSES.filter(isFinished)).toEqual(['done', 'not-carried-out']);
  });

  it('asks a reason for "not carried out" only', () => {
    expect(statusChangeRefusal({ from: 'open', to: 'not-carried-out' })?.nl).toContain('reden');
    expect(statusChangeRefusal({ from: 'open', to: 'not-carried-out', reason: '   ' })).not.toBeNull();
    expect(statusChangeRefusal({ from: 'open', to: 'not-carried-out', reason: 'Het Rijk besloot anders.' })).toBeNull();
    expect(statusChangeRefusal({ from: 'open', to: 'done' })).toBeNull();
    expect(statusChangeRefusal({ from: 'done', to: 'in-progress' })).toBeNull();
  });

  it('labels every status in Dutch and English', () => {
    for (const status of FOLLOW_UP_STATUSES) {
      expect(STATUS_LABELS[status].nl).not.toBe(status);
      expect(STATUS_LABELS[status].en.length).toBeGreaterThan(0);
    }
  });

  it('adds months, clamped to the end of the month', () => {
    expect(addMonths('2024-11-20', 6)).toBe('2025-05-20');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-06-12', 12)).toBe('2025-06-12');
  });

  it('reports the last two meetings before the date, newest first', () => {
    const meetings = [{ date: '2023-06-07' }, { date: '2024-06-12' }, { date: '2023-11-29' }, { date: '2024-11-20' }];
    expect(reportMeetings(meetings, '2024-11-20').map((m) => m.date)).toEqual(['2024-06-12', '2023-11-29']);
    expect(reportMeetings(meetings, '2025-06-11').map((m) => m.date)).toEqual(['2024-11-20', '2024-06-12']);
    expect(reportMeetings(meetings, '2023-01-01')).toEqual([]);
  });
});
