// Which currencies a fee may be in, and how many decimals each allows (ISO 4217 minor units).
// The list and most digits come from ICU (Node's Intl), not a hand-kept table; where CLDR, and
// so ICU, deliberately gives fewer digits than ISO 4217 (it records what is used in cash and
// print, e.g. 0 for HUF and IQD), the standard's minor unit is taken instead: credits are
// money owed, and billing systems keep them in ISO 4217 minor units.

/**
 * ISO 4217 minor units of the codes ICU lists with other digits; `null` where ISO 4217 gives
 * no minor unit ("N.A.": special drawing rights and the Sucre, units of account, not currencies
 * a fee is paid in), which refuses the code. A test checks every entry still differs from ICU.
 */
export const ISO_MINOR_UNITS_UNLIKE_ICU: Readonly<Record<string, number | null>> = {
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  PKR: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
  XDR: null,
  XSU: null,
};

let table: ReadonlyMap<string, number> | undefined;

/** ISO 4217 codes of the currencies in use, by code, with their minor units (built once). */
function currencies(): ReadonlyMap<string, number> {
  if (!table) {
    const map = new Map<string, number>();
    // ICU lists the currencies in use: funds codes (CLF, BOV…), metals (XAU…), the test
    // code XTS and "no currency" XXX are not among them.
    for (const code of Intl.supportedValuesOf('currency')) {
      const iso = ISO_MINOR_UNITS_UNLIKE_ICU[code];
      if (iso === null) continue;
      map.set(code, iso ?? icuMinorUnits(code));
    }
    table = map;
  }
  return table;
}

/** The decimals ICU gives a currency (CLDR's `digits`). */
export function icuMinorUnits(code: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** The ISO 4217 minor units of a currency in use (KZT 2, JPY 0, BHD 3), else undefined. */
export function minorUnits(code: string): number | undefined {
  return currencies().get(code);
}
