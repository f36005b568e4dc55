import { Decimal as BaseDecimal } from "decimal.js";

/**
 * The one configuration of decimal.js in the program. decimal.js rounds a result to
 * the precision of its left operand's constructor, so a figure made by one
 * configuration and a quotient made by another would be rounded to whichever came
 * first: every Decimal in tieout is made here.
 *
 * 40 significant digits: more than twice a double's 17, so that the exact evaluation
 * of a verdict (see formula/exact-decimals.ts) cannot itself be what decides it, and
 * a sum of figures is exact. Rounding half away from zero is Excel's ROUND. Plain
 * notation up to 30 digits either side of the point: a figure or a tolerance is never
 * shown as `1e-7`.
 */
export const Decimal = BaseDecimal.clone({ precision: 40, rounding: BaseDecimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
export type Decimal = BaseDecimal;

/** Whether a value is a Decimal (of any configuration: decimal.js's own `isDecimal`). */
export const isDecimal = (v: unknown): v is Decimal => BaseDecimal.isDecimal(v);
