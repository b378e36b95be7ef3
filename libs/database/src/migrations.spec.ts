import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { migrate } from './migrations';

describe('migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('applies each migration once, in order, on real PostgreSQL', async () => {
    const migrations = [
      { id: '0002_b', sql: 'INSERT INTO m_order (v) VALUES (2)' },
      { id: '0001_a', sql: 'CREATE TABLE m_order (v int); INSERT INTO m_order (v) VALUES (1)' },
    ];
    expect(await migrate(db.pool, migrations)).toEqual(['0001_a', '0002_b']);
    expect(await migrate(db.pool, migrations)).toEqual([]);
    const { rows } = await db.pool.query('SELECT v FROM m_order ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual([1, 2]);
  });

  it('leaves nothing half-applied when a migration fails', async () => {
    const broken = [{ id: '0003_broken', sql: 'CREATE TABLE half (v int); SELECT no_such_function()' }];
    await expect(migrate(db.pool, broken)).rejects.toThrow(/no_such_function/);
    const { rows } = await db.pool.query(`SELECT to_regclass('half') AS t`);
    expect(rows[0].t).toBeNull();
  });
});
