/**
 * Excel's 1900 date system: serial 1 is 1900-01-01 and, keeping Lotus 1-2-3's bug,
 * serial 60 is 1900-02-29, a day that never was; from serial 61 (1900-03-01) on,
 * serials are one more than the true count of days.
 */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 31);

export function serialOf(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  const days = Math.round((ms - EPOCH) / DAY_MS);
  return days >= 60 ? days + 1 : days;
}

/** The calendar date of a serial: [year, month (1–12), day]; 60 is 1900-02-29. */
export function dateOf(serial: number): [number, number, number] {
  const whole = Math.floor(serial);
  if (whole === 60) return [1900, 2, 29];
  const days = whole > 60 ? whole - 1 : whole;
  const d = new Date(EPOCH + days * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The largest serial Excel accepts: 9999-12-31. */
export const MAX_SERIAL = 2_958_465;
