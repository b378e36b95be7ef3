const special = /[\\\n\r\t]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as a field of `COPY ... FROM STDIN` text format: backslash, tab and line breaks escaped. */
export const copyText = (value: string): string => (special.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => escapes[c]) : value);

/** The text format's NULL. */
export const COPY_NULL = '\\N';
