/**
 * How long a site keeps a participant's personal data: whole years after their last event. A
 * small interface so that the rule can later come from the site registry's configuration instead
 * of a setting, without its users changing.
 */
export interface RetentionRule {
  retentionYearsFor(siteId: string): number;
  /** As configured, for reports: `{ leeds: 6, '*': 6 }`. */
  readonly years: Readonly<Record<string, number>>;
}

export class RetentionRuleError extends Error {}

/** The national default when nothing is configured. */
export const DEFAULT_RETENTION_YEARS = 6;

const SITE = /^(\*|[A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;

const ruleOf = (years: Readonly<Record<string, number>>): RetentionRule => {
  for (const [site, value] of Object.entries(years)) {
    if (!SITE.test(site)) throw new RetentionRuleError(`retention: "${site}" is not a site id (or * for every other site)`);
    if (!Number.isInteger(value) || value < 1 || value > 100)
      throw new RetentionRuleError(`retention: ${site} must keep data a whole number of years from 1 to 100 (got ${String(value)})`);
  }
  const all: Readonly<Record<string, number>> = { '*': DEFAULT_RETENTION_YEARS, ...years };
  return { years: all, retentionYearsFor: (siteId) => all[siteId] ?? all['*'] };
};

/** `leeds=6,york=8,*=6` (the WORKWELL_RETENTION setting); empty or absent: six years everywhere. */
export const retentionRuleFromSetting = (setting: string | undefined): RetentionRule => {
  const years: Record<string, number> = {};
  for (const part of (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
    if (!match) throw new RetentionRuleError(`retention: "${part}" must be site=years, e.g. leeds=6 or *=6`);
    years[match[1]] = Number(match[2]);
  }
  return ruleOf(years);
};

/** A JSON file of the same: `{ "leeds": 6, "york": 8, "*": 6 }`. */
export const retentionRuleFromJson = (text: string): RetentionRule => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RetentionRuleError('retention rules must be JSON: { "leeds": 6, "*": 6 }');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RetentionRuleError('retention rules must be an object of site ids to years: { "leeds": 6, "*": 6 }');
  return ruleOf(parsed as Record<string, number>);
};
