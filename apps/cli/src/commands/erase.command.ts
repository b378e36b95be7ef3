import { randomUUID } from 'node:crypto';
import { coded, ERASURE_REASONS, isJourneyRuleBroken, participantKeyId, type CodeOf } from '@workwell/domain';
import { loadSecrets } from '@workwell/config';
import { JourneyCommandRunner } from '@workwell/commands';
import { createKeyStore } from '@workwell/runtime';
import { participantIdArgument, requiredString, UsageError, type CliCommand } from '../command';
import { withEngine } from '../engine-session';

export const eraseCommand: CliCommand = {
  name: 'erase',
  summary: "Erase a participant's personal data: record the erasure and destroy their data key.",
  usage: '<participant> --reason <code> --requested-by <user>',
  help: `Reasons: ${ERASURE_REASONS.codes.join(', ')}.\nThe events stay (dates and codes keep the evaluation whole); every personal field reads as erased from then on.`,
  options: {
    reason: { type: 'string', value: '<code>', description: `Why the data is erased: ${ERASURE_REASONS.codes.join(', ')}.` },
    'requested-by': { type: 'string', value: '<user>', description: 'Who asked for and approved the erasure (recorded with it).' },
  },
  run: async (parsed) => {
    const participantId = participantIdArgument(
      parsed.positionals[0],
      'workwell erase <participant> --reason <code> --requested-by <user>',
    );
    const reason = requiredString(parsed, 'reason');
    if (!(ERASURE_REASONS.codes as readonly string[]).includes(reason))
      throw new UsageError(`--reason must be one of ${ERASURE_REASONS.codes.join(', ')} (got "${reason}")`);
    const requestedBy = requiredString(parsed, 'requested-by');
    await withEngine(async ({ config, pool, eventStore }) => {
      const now = new Date().toISOString();
      const keyStore = createKeyStore(pool, loadSecrets(config));
      const { result } = await new JourneyCommandRunner(eventStore, keyStore)
        .run({
          type: 'EraseParticipant',
          data: () => ({ occurredAt: now, reasonCode: coded(ERASURE_REASONS, reason as CodeOf<typeof ERASURE_REASONS>) }),
          context: {
            participantId,
            actor: { userId: requestedBy, role: 'admin', organisation: 'workwell-cli', site: 'national' },
            now,
            correlationId: randomUUID(),
          },
        })
        .catch((error: Error) => {
          if (isJourneyRuleBroken(error))
            throw new UsageError(error.code === 'NOT_REFERRED' ? `there is no participant ${participantId}` : error.message);
          throw error;
        });
      await keyStore.destroyKey(participantKeyId(participantId), reason);
      process.stdout.write(`${JSON.stringify({ participantId, erased: true, version: result.version, position: result.position })}\n`);
    });
  },
};
