import { z } from 'zod';

// Business calendar and SLA policy settings (SPEC P1–P5). zod only, so the settings screen can use it.

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "HH:MM" local wall time, minutes since midnight; '24:00' closes a day. */
export const WallTime = z.string().regex(HH_MM, 'expected HH:MM between 00:00 and 24:00');
export type WallTime = z.infer<typeof WallTime>;

export function wallTimeMinutes(time: string): number {
  const [hh, mm] = time.split(':');
  return Number(hh) * 60 + Number(mm);
}

/** One opening interval [start, end) in local time, e.g. ['09:00', '12:00']. */
export const OpeningInterval = z
  .tuple([WallTime, WallTime])
  .refine(([start, end]) => wallTimeMinutes(start) < wallTimeMinutes(end), {
    message: 'an opening interval must end after it starts',
  });
export type OpeningInterval = z.infer<typeof OpeningInterval>;

/** Intervals of one weekday, sorted and not overlapping (touching is fine). */
export const DayOpeningHours = z.array(OpeningInterval).superRefine((intervals, ctx) => {
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1];
    const current = intervals[i];
    if (previous && current && wallTimeMinutes(current[0]) < wallTimeMinutes(previous[1])) {
      ctx.addIssue({ code: 'custom', message: 'opening intervals must be sorted and must not overlap', path: [i] });
    }
  }
});

const ALL_DAY: OpeningInterval = ['00:00', '24:00'];

/** Index = weekday, 0 = Sunday … 6 = Saturday. Default: Monday–Saturday all day, Sunday closed. */
function defaultOpeningHours(): OpeningInterval[][] {
  return [[], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY]].map((day) =>
    day.map(([start, end]): OpeningInterval => [start, end]),
  );
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const BusinessCalendar = z.object({
  timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone').default('Europe/Paris'),
  /** ISO 3166-1 alpha-2; its public holidays (date-holidays, type 'public') are not counted. */
  country: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code').default('FR'),
  /** date-holidays state/region code, e.g. '57' for Moselle. */
  region: z.string().min(1).optional(),
  openingHours: z.array(DayOpeningHours).length(7).default(defaultOpeningHours),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** The team's default calendar: every hour Monday–Saturday, Europe/Paris, French public holidays off. */
export const DEFAULT_CALENDAR: BusinessCalendar = Object.freeze({
  timeZone: 'Europe/Paris',
  country: 'FR',
  openingHours: defaultOpeningHours(),
});

const SlaHours = z.number().positive().finite();

/** Business-hour budgets per clock kind (SPEC P2–P5), and when a clock turns "due soon". */
export const SlaPolicy = z.object({
  firstResponseHours: SlaHours.default(48),
  updateHours: SlaHours.default(48),
  customerRepliedHours: SlaHours.default(48),
  transferHours: SlaHours.default(48),
  dueSoonHours: z.number().nonnegative().finite().default(8),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const DEFAULT_SLA_POLICY: SlaPolicy = Object.freeze({
  firstResponseHours: 48,
  updateHours: 48,
  customerRepliedHours: 48,
  transferHours: 48,
  dueSoonHours: 8,
});

export const ClockKind = z.enum(['firstResponse', 'update', 'customerReplied', 'transfer']);
export type ClockKind = z.infer<typeof ClockKind>;

/** What a ticket's team clock counts from; null when no team clock runs (waiting on customer, resolved). */
export const ClockStart = z.object({ kind: ClockKind, from: z.iso.datetime({ offset: true }) }).nullable();
export type ClockStart = z.infer<typeof ClockStart>;

export const SlaStatus = z.enum(['ok', 'dueSoon', 'overdue']);
export type SlaStatus = z.infer<typeof SlaStatus>;

export const SlaClock = z.object({
  kind: ClockKind,
  dueAt: z.iso.datetime(),
  /** Business hours left until dueAt; negative when overdue. */
  remainingBusinessHours: z.number(),
  status: SlaStatus,
});
export type SlaClock = z.infer<typeof SlaClock>;
