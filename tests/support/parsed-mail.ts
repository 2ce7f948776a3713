import type { AddressObject, ParsedMail } from 'mailparser';

/** One header of a parsed message as mailparser keeps it (lower-case name). */
export function headerOf(mail: ParsedMail, name: string): unknown {
  return mail.headers.get(name.toLowerCase());
}

/** Every value of a header that may repeat (e.g. a digest's `X-DA06-Task`), read from the raw lines. */
export function headerValues(mail: ParsedMail, name: string): string[] {
  const key = name.toLowerCase();
  return mail.headerLines
    .filter((line) => line.key === key)
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).trim());
}

/** The bare addresses of a `to` / `cc` field, in order. */
export function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** The `References` of a message as a list. */
export function referencesOf(mail: ParsedMail): string[] {
  const refs = mail.references;
  return Array.isArray(refs) ? refs : refs ? [refs] : [];
}

/** HTML tags that must never appear in the plain-text part. */
export const HTML_TAG = /<\/?(html|head|body|table|thead|tbody|tr|td|th|div|span|p|br|a|strong|em|b|i|ul|ol|li|h[1-6]|img|style)\b[^>]*>/i;
