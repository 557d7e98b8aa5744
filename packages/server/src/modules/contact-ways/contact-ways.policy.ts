import type { MemberScheduleDto } from '@rapport/shared';

/** The enterprise-local calendar day (YYYY-MM-DD), weekday (0 Sunday) and minute of the day at `now`. */
export interface LocalClock {
  day: string;
  weekday: number;
  minutes: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Reads the clock in the enterprise's time zone (an unknown zone reads UTC). */
export function localClock(timeZone: string, now: number): LocalClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return localClock('UTC', now);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A member without a schedule is always on; with one, only inside a window (start inclusive, end exclusive). */
export function isOnSchedule(schedules: MemberScheduleDto[], memberId: string, clock: LocalClock): boolean {
  const own = schedules.find((s) => s.memberId === memberId);
  if (!own) return true;
  return own.windows.some((w) => w.weekday === clock.weekday && toMinutes(w.start) <= clock.minutes && clock.minutes < toMinutes(w.end));
}
