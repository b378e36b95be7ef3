import { londonDateOf } from './uk-local-time.calendar';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.calendar';

describe('working days', () => {
  it.each([
    ['2025-03-03', true],
    ['2025-03-08', false],
    ['2025-03-09', false],
    ['2025-04-18', false],
    ['2025-12-26', false],
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['a Monday', '2025-03-03', 2, '2025-03-05'],
    ['a Friday, over the weekend', '2025-03-07', 2, '2025-03-11'],
    ['a Saturday', '2025-03-08', 2, '2025-03-11'],
    ['Maundy Thursday, over Easter', '2025-04-17', 2, '2025-04-23'],
    ['Christmas Eve 2026, over the Boxing Day substitute', '2026-12-24', 2, '2026-12-30'],
    ['a Monday, 20 working days', '2025-03-03', 20, '2025-03-31'],
    ['across Easter and early May, 20 working days', '2025-04-07', 20, '2025-05-08'],
    ['zero days', '2025-03-08', 0, '2025-03-08'],
    ['backwards', '2025-04-22', -1, '2025-04-17'],
  ])('from %s', (_case, from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2025-04-17', '2025-04-23')).toBe(2);
    expect(workingDaysBetween('2025-03-05', '2025-03-03')).toBe(0);
  });

  it('dates an instant by the London calendar, summer time included', () => {
    expect(londonDateOf('2025-04-01T23:30:00Z')).toBe('2025-04-02');
    expect(londonDateOf('2025-01-01T23:30:00Z')).toBe('2025-01-01');
    expect(londonDateOf('2025-03-30T00:30:00Z')).toBe('2025-03-30');
    expect(londonDateOf('2025-10-25T23:30:00Z')).toBe('2025-10-26');
    expect(londonDateOf('2025-10-26T23:30:00Z')).toBe('2025-10-26');
  });
});
