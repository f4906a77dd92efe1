/**
 * A phone number for reading: `+77475073022` → `+7 (747) 507 3022`, joined by no-break spaces so
 * it never wraps across lines; other countries stay E.164.
 */
export function formatPhone(e164: string): string {
  const kz = /^\+7(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return kz ? `+7\u00a0(${kz[1]})\u00a0${kz[2]}\u00a0${kz[3]}` : e164;
}

/** The link a phone number opens: `tel:+77475073022`. */
export function phoneHref(e164: string): string {
  return `tel:${e164}`;
}

/** The link a Telegram handle opens: `@PRO_DATA_Support_Bot` → `https://t.me/PRO_DATA_Support_Bot`. */
export function telegramHref(handle: string): string {
  return `https://t.me/${handle.replace(/^@/, '')}`;
}

/** The link an e-mail address opens. */
export function emailHref(address: string): string {
  return `mailto:${address}`;
}
