import fs from 'node:fs';
import { loadSecrets } from '@workwell/config';
import {
  applyRetention,
  participantsDue,
  retentionRuleFromJson,
  retentionRuleFromSetting,
  RetentionRuleError,
  type RetentionRule,
} from '@workwell/interchange';
import { createKeyStore } from '@workwell/runtime';
import { requiredString, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { withEngine } from '../engine-session';
import { endProgress, progressLine } from '../progress';

const ruleOf = (parsed: ParsedArgs): RetentionRule => {
  const file = parsed.values.rules as string | undefined;
  try {
    if (file === undefined) return retentionRuleFromSetting(process.env.WORKWELL_RETENTION);
    if (!fs.existsSync(file)) throw new UsageError(`--rules ${file} is not a file`);
    return retentionRuleFromJson(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof RetentionRuleError) throw new UsageError(`${file ? `--rules ${file}` : 'WORKWELL_RETENTION'}: ${error.message}`);
    throw error;
  }
};

export const retentionCommand: CliCommand = {
  name: 'retention',
  summary: 'List the participants whose retention period has ended; with --apply, erase them (reason retention-period-ended).',
  usage: '[--site <site>] [--rules <file.json>] [--apply --requested-by <user>]',
  help: [
    "A site keeps personal data N whole years after a participant's last event (its business time): WORKWELL_RETENTION=leeds=6,york=8,*=6",
    '(six years everywhere when unset), or --rules <file> with {"leeds": 6, "*": 6}. Lists who is due (participant, site, last event, due since).',
    '--apply erases each through the normal erasure (the EraseParticipant command, then the data key destroyed): dates and codes stay,',
    'so the evaluation figures do not change. Progress on stderr; one JSON document on stdout.',
  ].join('\n'),
  options: {
    site: { type: 'string', value: '<site>', description: 'Only the participants of this site.' },
    rules: {
      type: 'string',
      value: '<file>',
      description: 'Retention rules from this file instead of WORKWELL_RETENTION (site=years lines).',
    },
    apply: { type: 'boolean', description: 'Erase those due (reason retention-period-ended); without it, only list them.' },
    'requested-by': {
      type: 'string',
      value: '<user>',
      description: 'Who applies the retention rule: recorded with each erasure (needed with --apply).',
    },
  },
  run: async (parsed) => {
    const rule = ruleOf(parsed);
    const apply = parsed.values.apply === true;
    const requestedBy = apply ? requiredString(parsed, 'requested-by') : undefined;
    const siteId = parsed.values.site as string | undefined;
    const now = new Date();
    const summary = await withEngine(async ({ config, pool, eventStore }) => {
      const due = await participantsDue(eventStore, rule, now, {
        siteId,
        onProgress: (n) => progressLine(`read ${n.toLocaleString('en-GB')} participants`),
      });
      endProgress();
      if (requestedBy === undefined)
        return { judgedAt: now.toISOString(), rule: rule.years, siteId: siteId ?? null, due: due.length, participants: due };
      const result = await applyRetention(eventStore, createKeyStore(pool, loadSecrets(config)), due, {
        requestedBy: { userId: requestedBy, role: 'admin', organisation: 'workwell-retention', site: 'national' },
        now,
        onProgress: (done) => progressLine(`erased ${done.toLocaleString('en-GB')}/${due.length.toLocaleString('en-GB')} participants`),
      });
      endProgress();
      return { judgedAt: now.toISOString(), rule: rule.years, siteId: siteId ?? null, due: due.length, ...result, participants: due };
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  },
};
