import { loadConfig, loadSecrets } from '@workwell/config';
import { mintToken } from '@workwell/auth';
import { roles, siteBound, type Role } from '@workwell/auth';
import { positiveInteger, requiredString, UsageError, type CliCommand } from '../command';

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Mint a development bearer token against the local configuration.',
  usage: '--role <role> --sub <user> [--site <site>] [--org <organisation>] [--hours <n>]',
  help: `Roles: ${roles.join(', ')}. Coaches and managers need --site.\nExample: curl -H "Authorization: Bearer $(npx workwell token --role coach --site leeds --sub coach-1)" localhost:3000/caseload`,
  options: {
    role: { type: 'string', value: '<role>', description: `The token's role: ${roles.join(', ')}.` },
    sub: { type: 'string', value: '<user>', description: 'The user id the token names (recorded with every event and read).' },
    site: { type: 'string', value: '<site>', description: 'The site a coach or manager works for (required for those roles).' },
    org: { type: 'string', value: '<organisation>', description: "The user's organisation, recorded with their events." },
    hours: { type: 'string', value: '<n>', description: 'How long the token is valid, in hours.' },
  },
  run: async (parsed) => {
    const role = requiredString(parsed, 'role');
    if (!(roles as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')} (got "${role}")`);
    const site = parsed.values.site as string | undefined;
    if (siteBound(role as Role) && !site) throw new UsageError(`a ${role} token needs --site`);
    const config = loadConfig();
    const token = await mintToken(
      {
        sub: requiredString(parsed, 'sub'),
        role: role as Role,
        site,
        organisation: parsed.values.org as string | undefined,
        ttlSeconds: positiveInteger(parsed.values.hours as string | undefined, 'hours', 12) * 3600,
      },
      loadSecrets(config),
    );
    process.stdout.write(token + '\n');
  },
};
