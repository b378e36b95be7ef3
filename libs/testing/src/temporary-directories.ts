import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes temporary directories for one test file and removes them all after its tests. Call it at
 * the top of a test file or describe block (it registers the `afterAll` that cleans up).
 */
export const temporaryDirectories = (prefix: string): (() => string) => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
};
