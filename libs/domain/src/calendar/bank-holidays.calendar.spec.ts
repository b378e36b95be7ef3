import { bankHolidaysOf, easterSunday, isBankHoliday } from './bank-holidays.calendar';

describe('England and Wales bank holidays', () => {
  it.each([
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
  ])('match the gov.uk list for %i', (year, published) => {
    expect(bankHolidaysOf(year)).toEqual(published);
  });

  it.each([
    ['Christmas on a Saturday (2027): both move to Monday and Tuesday', 2027, ['2027-12-27', '2027-12-28']],
    ['Christmas on a Sunday (2022): Boxing Day stays, Christmas moves to Tuesday', 2022, ['2022-12-26', '2022-12-27']],
    ['Christmas on a Friday (2026): Boxing Day moves to Monday', 2026, ['2026-12-25', '2026-12-28']],
  ])('substitute days: %s', (_case, year, christmas) => {
    expect(bankHolidaysOf(year).slice(-2)).toEqual(christmas);
  });

  it.each([
    [2028, '2028-01-03'],
    [2023, '2023-01-02'],
    [2030, '2030-01-01'],
  ])('New Year in %i falls on %s', (year, day) => {
    expect(bankHolidaysOf(year)[0]).toBe(day);
  });

  it.each([
    [2024, '2024-03-31'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ])('Easter Sunday %i is %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  it('has eight holidays a year through 2030, always on weekdays', () => {
    for (let year = 2024; year <= 2030; year += 1) {
      const holidays = bankHolidaysOf(year);
      expect(holidays).toHaveLength(8);
      for (const day of holidays) expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
  });

  it('knows the proclaimed one-offs (the 2023 coronation, the 2022 jubilee and funeral)', () => {
    expect(['2023-05-08', '2022-06-02', '2022-06-03', '2022-09-19'].every(isBankHoliday)).toBe(true);
    expect(isBankHoliday('2022-05-30')).toBe(false);
  });
});
