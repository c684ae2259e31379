import { mulDivHalfUp, requireSafeInteger } from '../../core/int-math.js';
import { formatAmount, sumCents } from '../../core/money.js';
import { printedHours } from './export-fields.js';

/**
 * The money and time fields of one LEDES line, as printed, and the printed total in cents.
 *
 * The rule (checked by every e-billing platform, Legal Tracker rejects the file otherwise):
 *
 *     LINE_ITEM_TOTAL = roundHalfUpToCent(LINE_ITEM_UNIT_COST × LINE_ITEM_NUMBER_OF_UNITS)
 *                       + LINE_ITEM_ADJUSTMENT_AMOUNT                  (all in integer cents)
 *
 * Money is printed with 2 decimals, so the formula can only hold "at the printed precision": the product
 * of a 2-decimal rate and 1- or 2-decimal hours may carry a 3rd or 4th decimal that no 2-decimal field can
 * hold. The product is therefore rounded half up to the cent (the way feeForMinutes rounded the amount),
 * and the adjustment takes the whole difference between that and the total, write-down included:
 *
 * - 6 min at 333.33: amount feeForMinutes(33333, 6) = 3333 ¢. Units 0.1 × 333.33 = 33.333 → 33.33;
 *   adjustment 0.00; total 33.33. The 0.003 is below a cent and vanishes in the rounding on both sides.
 * - 45 min at 333.33: amount 24999.75 → 25000 ¢. Units 0.75 × 333.33 = 249.9975 → 250.00; adjustment 0.00.
 * - 7 min at 333.33: amount 3888.85 → 3889 ¢, but 7 min prints as 0.1 h: 33.333 → 33.33; adjustment 5.56.
 * - 120 min at 375.00 with a 150.00 write-down: 2.0 × 375.00 = 750.00; adjustment -150.00; total 600.00.
 *
 * Whenever the minutes print exactly (a multiple of 3), the rounded product equals the amount, so the
 * adjustment is exactly the line's write-down or write-up; otherwise (odd minutes, half-rate travel) it
 * also carries the difference. The product is never negative (rate and units are not), so half up is
 * unambiguous. tests/support/ledes-parser.ts checks the same rule.
 */
export interface LedesLineAmounts {
  readonly units: string;
  readonly unitCost: string;
  readonly adjustment: string;
  readonly total: string;
  readonly totalCents: number;
}

/** The printed unit cost × units in whole cents, rounded half up; rate in cents, hours in hundredths. */
export function printedProductCents(rateCents: number, hoursHundredths: number): number {
  requireSafeInteger(rateCents, 'hourly rate in cents', 'INTERNAL', 0);
  requireSafeInteger(hoursHundredths, 'hours in hundredths', 'INTERNAL', 0);
  // cents × hundredths of an hour = ten-thousandths of a currency unit; ÷ 100 → cents, half up (BigInt inside).
  return mulDivHalfUp(rateCents, hoursHundredths, 100);
}

/** The LEDES amounts of a fee line: hours from minutes, the hourly rate, and the adjustment that closes the sum. */
export function ledesFeeAmounts(minutes: number, rateCents: number, totalCents: number): LedesLineAmounts {
  requireSafeInteger(totalCents, 'line total in cents');
  const hours = printedHours(minutes);
  const productCents = printedProductCents(rateCents, hours.hundredths);
  const adjustmentCents = sumCents([totalCents, -productCents]);
  return {
    units: hours.text,
    unitCost: formatAmount(rateCents),
    adjustment: formatAmount(adjustmentCents),
    total: formatAmount(totalCents),
    totalCents,
  };
}

/** The LEDES amounts of an invoice-level adjustment (IF): no units, no unit cost, adjustment = total. */
export function ledesInvoiceAdjustmentAmounts(totalCents: number): LedesLineAmounts {
  requireSafeInteger(totalCents, 'line total in cents');
  return { units: '0', unitCost: formatAmount(0), adjustment: formatAmount(totalCents), total: formatAmount(totalCents), totalCents };
}
