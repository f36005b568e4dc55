import { jsNumber, type Num } from "../arithmetic.js";
import { NUM, type Value } from "../values.js";
import { dateOf, from1900, in1900, maxSerial, serialOf } from "./serial.js";
import type { Cells, FunctionSpec } from "./spec.js";

function part(index: 0 | 1 | 2) {
  return ([serial]: Num[], { date1904 }: Cells): Value => {
    const n = jsNumber(serial!);
    if (n < 0 || n > maxSerial(date1904)) return NUM;
    // Serial 0 is Excel's "1900-01-00" (in the 1904 system, 1904-01-01).
    if (!date1904 && Math.floor(n) === 0) return [1900, 1, 0][index]!;
    return dateOf(in1900(n, date1904))[index];
  };
}

export const DATE: FunctionSpec[] = [
  {
    name: "DATE",
    min: 3,
    max: 3,
    args: ["number", "number", "number"],
    call: ([y, m, d]: Num[], { date1904 }) => {
      let year = Math.trunc(jsNumber(y!));
      if (year >= 0 && year < 1900) year += 1900;
      if (year < 0 || year > 9999) return NUM;
      // Days are counted from the first of the (normalised) month along Excel's own
      // calendar, so that 1900-02-29 exists: DATE(1900,2,29) and DATE(1900,3,0) are 60.
      const months = year * 12 + Math.trunc(jsNumber(m!)) - 1;
      const first = serialOf(Math.floor(months / 12), (((months % 12) + 12) % 12) + 1, 1);
      const serial = from1900(first + Math.trunc(jsNumber(d!)) - 1, date1904);
      return serial < 0 || serial > maxSerial(date1904) ? NUM : serial;
    },
  },
  { name: "YEAR", min: 1, max: 1, args: ["number"], call: part(0) },
  { name: "MONTH", min: 1, max: 1, args: ["number"], call: part(1) },
  { name: "DAY", min: 1, max: 1, args: ["number"], call: part(2) },
  {
    name: "EOMONTH",
    min: 2,
    max: 2,
    args: ["number", "number"],
    call: ([start, months]: Num[], { date1904 }) => {
      const n = jsNumber(start!);
      if (n < 0 || n > maxSerial(date1904)) return NUM;
      const [y, m] = dateOf(in1900(n, date1904));
      const serial = from1900(serialOf(y, m + Math.trunc(jsNumber(months!)) + 1, 0), date1904);
      return serial < (date1904 ? 0 : 1) || serial > maxSerial(date1904) ? NUM : serial;
    },
  },
];
