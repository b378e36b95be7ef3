import { loadSecrets } from '@workwell/config';
import type { Actor } from '@workwell/domain';
import { exportInterchangeFile, ExportTargetError } from '@workwell/interchange';
import { createKeyStore } from '@workwell/runtime';
import { participantIdArgument, requiredString, UsageError, type CliCommand } from '../command';
import { estimatedEvents, withEngine } from '../engine-session';
import { endProgress, progressBar, progressLine } from '../progress';

const SITE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Write a site's history (or one participant's) to a workwell-interchange file, so that the site can take it elsewhere.",
  usage: '--site <site> [--participant <id>] --out <file> --exported-by <user> [--recipient <org>] [--agreement <ref>]',
  help: [
    'Every participant whose current episode is at the site, every event as the command that recorded it, with its recorder and',
    'recording time; personal data in clear (it is the site\'s own data; an erased participant\'s reads {"erased": true}).',
    'The export is recorded as a data sharing (stream interchange-exports) before the file is put in place. `workwell import`',
    'reads the file back: into an empty store it reproduces every report and extract.',
  ].join('\n'),
  options: {
    site: { type: 'string', value: '<site>', description: 'The site whose history is exported.' },
    participant: { type: 'string', value: '<id>', description: 'Only this participant of the site.' },
    out: { type: 'string', value: '<file>', description: 'The file to write (JSON Lines); never overwritten.' },
    'exported-by': { type: 'string', value: '<user>', description: 'Who exports: recorded with the data sharing.' },
    recipient: { type: 'string', value: '<org>', description: 'Who receives the export (default: the site itself).' },
    agreement: { type: 'string', value: '<ref>', description: 'The agreement the export is made under, recorded with the sharing.' },
  },
  run: async (parsed) => {
    const siteId = requiredString(parsed, 'site');
    if (!SITE.test(siteId)) throw new UsageError(`--site must be a site id such as leeds (got "${siteId}")`);
    const given = parsed.values.participant as string | undefined;
    const participantId =
      given === undefined ? undefined : participantIdArgument(given, 'workwell export --site <site> --participant <id>');
    const out = requiredString(parsed, 'out');
    const exportedBy: Actor = {
      userId: requiredString(parsed, 'exported-by'),
      role: 'admin',
      organisation: 'workwell-cli',
      site: 'national',
    };
    const result = await withEngine(async (session) => {
      const { config, pool, eventStore } = session;
      const estimate = await estimatedEvents(session);
      return exportInterchangeFile(eventStore, {
        out,
        siteId,
        participantId,
        keyStore: createKeyStore(pool, loadSecrets(config)),
        exportedBy,
        recipient: (parsed.values.recipient as string | undefined) ?? `${siteId} (the site's own records)`,
        agreementReference: parsed.values.agreement as string | undefined,
        now: new Date(),
        onProgress: (p) =>
          progressLine(
            p.searching
              ? `finding ${siteId}'s participants: ${progressBar(p.eventsSearched, estimate)} read`
              : `exported ${p.participants.toLocaleString('en-GB')} participants, ${p.rows.toLocaleString('en-GB')} rows`,
          ),
      }).catch((error: unknown) => {
        if (error instanceof ExportTargetError) throw new UsageError(error.message);
        throw error;
      });
    });
    endProgress();
    const { sharing, ...summary } = result;
    process.stdout.write(`${JSON.stringify({ ...summary, recordedAt: sharing.recordedAt, sharingPosition: sharing.position })}\n`);
  },
};
