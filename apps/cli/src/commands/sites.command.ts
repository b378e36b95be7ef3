import fs from 'node:fs';
import {
  configuredSiteIds,
  currentSiteConfiguration,
  isIsoDate,
  londonDateOf,
  siteConfigurationProblems,
  siteHistory,
  type FieldError,
} from '@workwell/domain';
import { ConcurrencyConflict } from '@workwell/event-store';
import { loadSiteRegistry, recordSiteConfiguration } from '@workwell/sites';
import { requiredString, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { withEngine } from '../engine-session';

const formats = ['text', 'json'];
const USAGE = 'list | show <siteId> | configure <file.json> --recorded-by <user> [--valid-from <date>] [--if-match <version>]';

const problemsText = (file: string, problems: readonly FieldError[]): string =>
  [
    `the configuration in ${file} cannot be recorded: ${problems.length} field${problems.length === 1 ? ' is' : 's are'} invalid`,
    ...problems.map((problem) => `  ${problem.field}: ${problem.message}`),
  ].join('\n');

/** The file's configuration, with --valid-from applied; its problems are the caller's to show. */
const configurationIn = (file: string, validFrom: string | undefined): unknown => {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (validFrom === undefined) return parsed;
  if (!isIsoDate(validFrom)) throw new UsageError(`--valid-from must be a date, YYYY-MM-DD (got "${validFrom}")`);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed, validFrom } : parsed;
};

const versionOption = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw new UsageError(`--if-match must be the version of the site configurations, a whole number (got "${raw}")`);
  return Number(raw);
};

const configure = async (parsed: ParsedArgs): Promise<number> => {
  const file = parsed.positionals[1];
  if (!file) throw new UsageError('name the configuration file: workwell sites configure <file.json> --recorded-by <user>');
  const recordedBy = requiredString(parsed, 'recorded-by');
  const expected = versionOption(parsed.values['if-match'] as string | undefined);
  const configuration = configurationIn(file, parsed.values['valid-from'] as string | undefined);
  // Checked before the engine is opened: a wrong file costs no database.
  const problems = siteConfigurationProblems(configuration);
  if (problems.length > 0) {
    process.stderr.write(`workwell: ${problemsText(file, problems)}\n`);
    return 1;
  }
  return withEngine(async ({ eventStore }) => {
    try {
      const recorded = await recordSiteConfiguration(eventStore, configuration, {
        recordedBy: { userId: recordedBy, role: 'admin', organisation: 'workwell-cli', site: 'national' },
        occurredAt: new Date().toISOString(),
        expectedVersion: expected === undefined ? undefined : expected === 0 ? 'no_stream' : expected,
      });
      const { siteId, version, position, validFrom, recordedAt } = recorded;
      process.stdout.write(`${JSON.stringify({ siteId, version, position, validFrom, recordedAt })}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ConcurrencyConflict)
        throw new UsageError(`the site configurations are at version ${error.actual}, not ${expected}: someone configured a site since`);
      throw error;
    }
  });
};

export const sitesCommand: CliCommand = {
  name: 'sites',
  summary: 'The site registry: list the sites, show one with its history, or record a configuration (admins).',
  usage: USAGE,
  help: [
    'list: every configured site with the configuration in force today.',
    'show: one site, the configuration in force today and every change to it (who, when, position, version).',
    'configure: records a JSON site configuration (siteId, name, vanguard, validFrom, localities, deliveryOrganisations,',
    'followUpSchedule, cohorts, quarterlyStartTargets) as a SiteConfigured event of the site-configurations stream and',
    'prints the version recorded; a file that does not hold names every wrong field and exits 1.',
    'A configuration holds from its validFrom (a London date) until a later one takes over.',
  ].join('\n'),
  options: {
    'recorded-by': { type: 'string', value: '<user>', description: 'Who makes the change (configure; recorded with it as an admin).' },
    'valid-from': {
      type: 'string',
      value: '<date>',
      description: "Use this date (YYYY-MM-DD) instead of the file's validFrom (configure).",
    },
    'if-match': {
      type: 'string',
      value: '<version>',
      description: 'Refuse the change unless the site configurations are still at this version (configure; as printed by list).',
    },
    format: { type: 'string', value: 'text|json', description: 'Text for people (the default) or JSON for tools (list and show).' },
  },
  run: async (parsed) => {
    const [action, siteId] = parsed.positionals;
    if (action === 'configure') return configure(parsed);
    const format = (parsed.values.format as string | undefined) ?? 'text';
    if (!formats.includes(format)) throw new UsageError(`--format must be text or json (got "${format}")`);
    if (action !== 'list' && action !== 'show') throw new UsageError(`say what to do: workwell sites ${USAGE}`);
    if (action === 'show' && !siteId) throw new UsageError('name the site: workwell sites show <siteId>');
    return withEngine(async ({ eventStore }) => {
      const registry = await loadSiteRegistry(eventStore);
      const today = londonDateOf(new Date().toISOString());
      const version = registry.configurations.reduce((max, entry) => Math.max(max, entry.version), 0);
      if (action === 'list') {
        const sites = configuredSiteIds(registry).map((id) => ({ siteId: id, current: currentSiteConfiguration(registry, id, today)! }));
        if (format === 'json') process.stdout.write(`${JSON.stringify({ version, sites }, null, 2)}\n`);
        else {
          process.stdout.write(`site configurations at version ${version}\n`);
          for (const { siteId: id, current } of sites)
            process.stdout.write(
              `${id}\t${current.name}\tvanguard ${current.vanguard}\tvalid from ${current.validFrom}\tfollow-ups ${current.followUpSchedule.checkpoints.map((c) => c.checkpoint).join(', ') || 'none'}\n`,
            );
        }
        return 0;
      }
      const history = siteHistory(registry, siteId);
      if (history.length === 0) throw new UsageError(`no configuration has been recorded for the site ${siteId}`);
      const current = currentSiteConfiguration(registry, siteId, today)!;
      if (format === 'json') process.stdout.write(`${JSON.stringify({ siteId, version, current, history }, null, 2)}\n`);
      else {
        process.stdout.write(
          `${siteId}: ${current.name} (vanguard ${current.vanguard}), in force: version ${current.version} valid from ${current.validFrom}\n`,
        );
        for (const entry of history)
          process.stdout.write(
            `  version ${entry.version}\tposition ${entry.position}\tvalid from ${entry.validFrom}\trecorded ${entry.recordedAt} by ${entry.recordedBy.userId} (${entry.recordedBy.role})\n`,
          );
      }
      return 0;
    });
  },
};
