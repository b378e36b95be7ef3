import { extractSharingsMarkdown, findingsMarkdown, traceMarkdown } from '@workwell/audit';
import { auditFindings, participantTrace } from '@workwell/read-models';
import { extractSharings } from '@workwell/evaluation';
import { participantIdArgument, UsageError, type CliCommand } from '../command';
import { withEngine } from '../engine-session';

const formats = ['markdown', 'json'];

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: "Auditors' reports: a participant's consent and sharing trace, or the findings across sites.",
  usage: 'trace <participant> | findings [--site <site>] | extracts  [--format markdown|json]',
  help: 'trace: every consent, sharing, blocked attempt, read of personal data and erasure of one participant, in time order.\nfindings: late-recorded withdrawals behind sharings, sharings without active consent or lawful basis, consents without evidence, reads by roles that should not need personal data.\nextracts: every evaluation extract shared (recipient, agreement, as-of, rows, manifest checksum).\nMarkdown by default (a report to file); --format json for tools.',
  options: {
    site: { type: 'string', value: '<site>', description: 'Only the participants of this site (findings).' },
    format: { type: 'string', value: 'markdown|json', description: 'Markdown (the default, a report to file) or JSON for tools.' },
  },
  run: async (parsed) => {
    const [report, given] = parsed.positionals;
    const format = (parsed.values.format as string | undefined) ?? 'markdown';
    if (!formats.includes(format)) throw new UsageError(`--format must be markdown or json (got "${format}")`);
    if (report !== 'trace' && report !== 'findings' && report !== 'extracts')
      throw new UsageError('say which report: workwell audit trace <participant> | workwell audit findings | workwell audit extracts');
    const participantId = report === 'trace' ? participantIdArgument(given, 'workwell audit trace <participant>') : '';
    await withEngine(async ({ pool, eventStore }) => {
      const now = new Date().toISOString();
      if (report === 'trace') {
        const trace = await participantTrace(pool, participantId);
        if (!trace) throw new UsageError(`there is no participant ${participantId} in the read models`);
        process.stdout.write(format === 'json' ? `${JSON.stringify(trace, null, 2)}\n` : traceMarkdown(trace, now));
      } else if (report === 'extracts') {
        const sharings = await extractSharings(eventStore);
        process.stdout.write(
          format === 'json' ? `${JSON.stringify({ extracts: sharings }, null, 2)}\n` : extractSharingsMarkdown(sharings, now),
        );
      } else {
        const site = parsed.values.site as string | undefined;
        const findings = await auditFindings(pool, { siteId: site });
        process.stdout.write(
          format === 'json' ? `${JSON.stringify({ siteId: site ?? null, findings }, null, 2)}\n` : findingsMarkdown(findings, now, site),
        );
      }
    });
  },
};
