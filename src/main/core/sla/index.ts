// The SLA module's public surface: business calendar arithmetic, deadline explanation, ticket clocks.
export { addBusinessHours, businessHoursBetween, explainDeadline } from './businessTime';
export type { CountedSpan, SkippedSpan, DeadlineExplanation } from './businessTime';
export type { SkipCause } from './businessDay';
export type { HolidayLanguage } from './publicHolidays';
export { computeClock, clockAt, budgetHours } from './clock';
export { describeDuration } from './describeDuration';
