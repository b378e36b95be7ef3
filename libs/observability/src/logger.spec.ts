import { JsonLogger, withRequestId } from './logger';

const capture = (level: 'debug' | 'info' = 'info') => {
  const lines: string[] = [];
  return { lines, logger: new JsonLogger('api', level, (line) => lines.push(line)), parsed: () => lines.map((l) => JSON.parse(l)) };
};

describe('JsonLogger', () => {
  it('writes one JSON object per line with service, pid, level name and the request id of the current request', () => {
    const { lines, logger, parsed } = capture();
    withRequestId('req-42', () => logger.info('participant referred', { participantId: 'p-1' }));
    logger.debug('hidden below the minimum level');
    expect(lines).toHaveLength(1);
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      service: 'api',
      pid: process.pid,
      requestId: 'req-42',
      msg: 'participant referred',
      participantId: 'p-1',
    });
    expect(Date.parse(parsed()[0].time)).not.toBeNaN();
  });

  it('logs errors with their type, message and stack, causes included', () => {
    const { logger, parsed } = capture();
    logger.error('failed', { error: new Error('boom', { cause: new TypeError('inner') }) });
    const { error } = parsed()[0];
    expect(error).toMatchObject({ type: 'Error' });
    expect(error.message).toContain('boom');
    expect(error.stack).toMatch(/^Error: boom\n\s+at /);
    expect(error.stack).toContain('caused by: TypeError: inner');
  });

  it('redacts personal data and credentials by field name at any depth, in errors too', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('failed'), { body: { name: 'Sam Example' } });
    logger.warn('odd request', {
      headers: { authorization: 'Bearer abc.def.ghi', 'content-type': 'application/json' },
      nested: [{ personalDetails: { nhsNumber: '943 476 5919' } }, { postcode: 'LS1 4AP', phone: '07700 900123', email: 'a@b.c' }],
      dateOfBirth: '1984-07-21',
      notes: 'free text',
      error,
      kept: 'site-leeds',
    });
    for (const secret of ['abc.def.ghi', '943 476 5919', 'LS1 4AP', '07700 900123', 'a@b.c', '1984-07-21', 'free text', 'Sam Example'])
      expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0])).toMatchObject({
      headers: { authorization: '[redacted]', 'content-type': 'application/json' },
      kept: 'site-leeds',
    });
  });

  it("takes Nest's (message, stack, context) and (message, context) calls", () => {
    const { logger, parsed } = capture('debug');
    logger.error('bootstrap failed', 'Error: x\n    at y', 'NestApplication');
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(parsed()[0]).toMatchObject({ level: 'error', stack: 'Error: x\n    at y', context: 'NestApplication' });
    expect(parsed()[1]).toMatchObject({ level: 'debug', context: 'RouterExplorer' });
  });
});
