// Whether an SLA clock is still counting. SlaClockView says a clock's state (running, warning, breached,
// paused, met) but not whether a breached clock has stopped; a clock stops at its goal: response and
// accept when the offer is accepted, arrival on site, resolution when resolved.
import { parseTimeSpan } from "./format.js";

const progress = { New: 0, Triaged: 1, Dispatching: 2, Offered: 3, Accepted: 4, EnRoute: 5, OnSite: 6, Resolved: 7, Closed: 8 };
const goal = { response: 4, accept: 4, arrival: 6, resolution: 7 };

/** True when the clock's goal was reached (or the ticket is cancelled): its remaining time is final. */
export function clockStopped(clock, ticketStatus) {
  if (clock.state === "met") return true;
  if (ticketStatus === "Cancelled") return true;
  const at = progress[ticketStatus];
  const needed = goal[clock.metric];
  return at != null && needed != null && at >= needed;
}

/** True when the clock counts down now (it has a due time, is not paused, and has not stopped). */
export function clockLive(clock, ticketStatus) {
  return !!clock.dueAt && ["running", "warning", "breached"].includes(clock.state) && !clockStopped(clock, ticketStatus);
}

/** Milliseconds left (negative: overdue) as of now, or the final value for a stopped or paused clock. */
export function clockRemaining(clock, ticketStatus, now = Date.now()) {
  return clockLive(clock, ticketStatus) ? Date.parse(clock.dueAt) - now : parseTimeSpan(clock.remaining);
}
