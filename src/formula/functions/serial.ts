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

/**
 * The 1904 date system of old Mac workbooks (`<workbookPr date1904="1"/>`): serial 0
 * is 1904-01-01, and every date's serial is 1,462 less than in the 1900 system
 * (Microsoft: "Differences between the 1900 and the 1904 date system in Excel").
 * There is no 1900-02-29 to keep.
 */
const DAYS_FROM_1900_TO_1904 = 1462;

/** A serial of the workbook's date system as the 1900 system counts it, and back. */
export const in1900 = (serial: number, date1904: boolean | undefined): number => (date1904 ? serial + DAYS_FROM_1900_TO_1904 : serial);
export const from1900 = (serial: number, date1904: boolean | undefined): number => (date1904 ? serial - DAYS_FROM_1900_TO_1904 : serial);

/** The last serial of a date system, 9999-12-31; the first is 0 in both (1900-01-00, or 1904-01-01). */
export const maxSerial = (date1904: boolean | undefined): number => from1900(MAX_SERIAL, date1904);
