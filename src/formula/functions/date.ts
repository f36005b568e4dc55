import { jsNumber, type Num } from "../arithmetic.js";
import { NUM, type Value } from "../values.js";
import { dateOf, MAX_SERIAL, serialOf } from "./serial.js";
import type { FunctionSpec } from "./spec.js";

function part(index: 0 | 1 | 2) {
  return ([serial]: Num[]): Value => {
    const n = jsNumber(serial!);
    if (n < 0 || n > MAX_SERIAL) return NUM;
    // Serial 0 is Excel's "1900-01-00".
    if (Math.floor(n) === 0) return [1900, 1, 0][index]!;
    return dateOf(n)[index];
  };
}

export const DATE: FunctionSpec[] = [
  {
    name: "DATE",
    min: 3,
    max: 3,
    args: ["number", "number", "number"],
    call: ([y, m, d]: Num[]) => {
      let year = Math.trunc(jsNumber(y!));
      if (year >= 0 && year < 1900) year += 1900;
      if (year < 0 || year > 9999) return NUM;
      const serial = serialOf(year, Math.trunc(jsNumber(m!)), Math.trunc(jsNumber(d!)));
      return serial < 0 || serial > MAX_SERIAL ? NUM : serial;
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
    call: ([start, months]: Num[]) => {
      const n = jsNumber(start!);
      if (n < 0 || n > MAX_SERIAL) return NUM;
      const [y, m] = dateOf(n);
      const serial = serialOf(y, m + Math.trunc(jsNumber(months!)) + 1, 0);
      return serial < 1 || serial > MAX_SERIAL ? NUM : serial;
    },
  },
];
