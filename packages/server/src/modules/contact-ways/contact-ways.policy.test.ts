import { describe, expect, it } from 'vitest';
import { isOnSchedule, localClock } from './contact-ways.policy.js';

describe('contact ways: the enterprise-local clock and schedules', () => {
  it('the daily cap day turns at local midnight, not UTC midnight', () => {
    // Asia/Shanghai is UTC+8: 15:59:59Z is 23:59:59 on the 23rd, 16:00Z is midnight of the 24th
    expect(localClock('Asia/Shanghai', Date.UTC(2026, 10, 23, 15, 59, 59))).toEqual({
      day: '2026-11-23',
      weekday: 1,
      minutes: 23 * 60 + 59,
    });
    expect(localClock('Asia/Shanghai', Date.UTC(2026, 10, 23, 16, 0, 0))).toEqual({ day: '2026-11-24', weekday: 2, minutes: 0 });
    // month and year ends
    expect(localClock('Asia/Shanghai', Date.UTC(2026, 11, 31, 16, 0, 0)).day).toBe('2027-01-01');
    expect(localClock('America/New_York', Date.UTC(2026, 11, 1, 4, 59, 0)).day).toBe('2026-11-30');
  });

  it('an unknown time zone reads UTC', () => {
    expect(localClock('Mars/Olympus', Date.UTC(2026, 10, 23, 10, 30))).toEqual({ day: '2026-11-23', weekday: 1, minutes: 630 });
  });

  it('a window includes its start and excludes its end; no schedule is always on, an empty one never', () => {
    const schedules = [
      { memberId: 'a', windows: [{ weekday: 1, start: '09:00', end: '18:00' }] },
      { memberId: 'off', windows: [] },
    ];
    const at = (weekday: number, minutes: number) => ({ day: '2026-11-23', weekday, minutes });
    expect(isOnSchedule(schedules, 'a', at(1, 9 * 60))).toBe(true);
    expect(isOnSchedule(schedules, 'a', at(1, 18 * 60 - 1))).toBe(true);
    expect(isOnSchedule(schedules, 'a', at(1, 18 * 60))).toBe(false);
    expect(isOnSchedule(schedules, 'a', at(1, 9 * 60 - 1))).toBe(false);
    expect(isOnSchedule(schedules, 'a', at(2, 10 * 60))).toBe(false);
    expect(isOnSchedule(schedules, 'free', at(0, 3 * 60))).toBe(true);
    expect(isOnSchedule(schedules, 'off', at(1, 10 * 60))).toBe(false);
    expect(isOnSchedule([{ memberId: 'x', windows: [{ weekday: 3, start: '00:00', end: '24:00' }] }], 'x', at(3, 24 * 60 - 1))).toBe(true);
  });
});
