import { JsonLogger, withRequestId } from './logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line carrying the request id of the current request', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('api', 'info', (line) => lines.push(line));
    withRequestId('req-42', () => logger.info('participant referred', { participantId: 'p-1' }));
    logger.debug('hidden below the minimum level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info',
      service: 'api',
      requestId: 'req-42',
      msg: 'participant referred',
      participantId: 'p-1',
    });
  });

  it('logs errors by name and message, never with a stack', () => {
    const lines: string[] = [];
    new JsonLogger('api', 'info', (line) => lines.push(line)).error('failed', { error: new Error('boom') });
    expect(JSON.parse(lines[0]).error).toEqual({ name: 'Error', message: 'boom' });
    expect(lines[0]).not.toContain('at ');
  });
});
