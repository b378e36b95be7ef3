export type CheckStatus = 'up' | 'down';

/**
 * 'up' when `check` resolves within `timeoutMs`, 'down' when it rejects or takes longer: a probe
 * must answer in time whatever the database does (Kubernetes gives a probe 1 s by default).
 */
export const upWithin = async (check: () => Promise<unknown>, timeoutMs = 2_000): Promise<CheckStatus> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckStatus>((resolve) => (timer = setTimeout(() => resolve('down'), timeoutMs)));
  try {
    return await Promise.race([check().then((): CheckStatus => 'up'), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
};
