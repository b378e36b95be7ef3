import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { loadSecrets } from '@workwell/config';
import { subjectAccess, subjectAccessHtml } from '@workwell/interchange';
import { createKeyStore } from '@workwell/runtime';
import { participantIdArgument, requiredString, UsageError, type CliCommand } from '../command';
import { withEngine } from '../engine-session';

export const subjectAccessCommand: CliCommand = {
  name: 'subject-access',
  summary: 'Everything held about a person (a subject access request), as JSON or a readable HTML document.',
  usage: '<participant> --requested-by <user> [--format json|html] [--out <file>]',
  help: [
    'Every event of their stream with personal fields opened (or shown as erased, with when), their read-model rows, their consent',
    'and sharing trace, who read their data, and exports of their record; nothing of anyone else. The request is recorded in the',
    'access log under --requested-by. The HTML is self-contained (nothing loaded from elsewhere): it can be given to the person.',
  ].join('\n'),
  options: {
    'requested-by': { type: 'string', value: '<user>', description: "Who asks on the person's behalf: recorded in the access log." },
    format: {
      type: 'string',
      value: 'json|html',
      description: 'JSON (the default), or a self-contained HTML document to give the person.',
    },
    out: { type: 'string', value: '<file>', description: 'Write to this file (never overwritten) instead of standard output.' },
  },
  run: async (parsed) => {
    const participantId = participantIdArgument(parsed.positionals[0], 'workwell subject-access <participant> --requested-by <user>');
    const userId = requiredString(parsed, 'requested-by');
    const format = (parsed.values.format as string | undefined) ?? 'json';
    if (format !== 'json' && format !== 'html') throw new UsageError(`--format must be json or html (got "${format}")`);
    const out = parsed.values.out as string | undefined;
    if (out !== undefined && fs.existsSync(out)) throw new UsageError(`${out} exists: a subject access answer never overwrites a file`);
    const report = await withEngine(async ({ config, pool, eventStore }) =>
      subjectAccess({ store: eventStore, keyStore: createKeyStore(pool, loadSecrets(config)), pool }, participantId, {
        principal: { userId, role: 'admin', site: undefined, organisation: 'workwell-cli' },
        requestId: `cli-${randomUUID()}`,
        now: new Date(),
      }).catch((error: { code?: string }) => {
        // The read models are made by the projector: a store only ever imported into has none yet.
        if (error.code === '42P01')
          throw new UsageError('the read models are not built yet: start the engine (npm start) or run `workwell rebuild` first');
        throw error;
      }),
    );
    if (!report) throw new UsageError(`there is no participant ${participantId}`);
    const text = format === 'html' ? subjectAccessHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
    if (out === undefined) process.stdout.write(text);
    else {
      fs.writeFileSync(out, text, { flag: 'wx', mode: 0o600 });
      process.stdout.write(
        `${JSON.stringify({ participantId, out, format, events: report.events.length, erased: report.erasure !== null })}\n`,
      );
    }
  },
};
