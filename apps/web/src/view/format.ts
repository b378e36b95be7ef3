/** Words that keep their capitals when a code is shown as words. */
const WORDS: Readonly<Record<string, string>> = {
  gp: 'GP',
  nhs: 'NHS',
  imd: 'IMD',
  vcse: 'VCSE',
  ips: 'IPS',
  msk: 'MSK',
  sms: 'SMS',
  mi: 'MI',
  id: 'ID',
  covid: 'COVID',
  ons: 'ONS',
  swemwbs: 'SWEMWBS',
  wemwbs: 'WEMWBS',
};

const sentence = (words: string[]): string =>
  words
    .filter((word) => word !== '')
    .map((word, index) => WORDS[word.toLowerCase()] ?? (index === 0 ? word[0].toUpperCase() + word.slice(1) : word.toLowerCase()))
    .join(' ');

/** `employed-off-sick` as "Employed off sick", `gp` as "GP". */
export const codeLabel = (code: string): string => sentence(code.split(/[-_\s]+/));

/** `employmentStatusAtReferral` as "Employment status at referral", `ParticipantReferred` as "Participant referred". */
export const nameLabel = (name: string): string => sentence(name.split(/(?=[A-Z])|[-_\s]+/));

const LONDON = 'Europe/London';

export const dateText = (iso: string | null | undefined): string => {
  if (!iso) return '–';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: LONDON }).format(date);
};

export const dateTimeText = (iso: string | null | undefined): string => {
  if (!iso) return '–';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: LONDON }).format(new Date(iso));
};

export const numberText = (value: number): string => value.toLocaleString('en-GB');

export const percentText = (rate: number | null): string => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);

export const plural = (count: number, noun: string, pluralNoun = `${noun}s`): string =>
  `${numberText(count)} ${count === 1 ? noun : pluralNoun}`;

/** A plain value of a JSON answer as short text: coded values show their code. */
export const valueText = (value: unknown): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? dateTimeText(value) : value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  const coded = value as { code?: unknown; list?: unknown };
  if (typeof coded.code === 'string' && typeof coded.list === 'string') return codeLabel(coded.code);
  if ((value as { erased?: unknown }).erased === true) return 'erased';
  return Object.entries(value)
    .map(([key, item]) => `${nameLabel(key)}: ${valueText(item)}`)
    .join('; ');
};
