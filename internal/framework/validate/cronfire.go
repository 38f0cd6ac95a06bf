package validate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gorhill/cronexpr"
)

// Time zones run from UTC-12:00 to UTC+14:00. The EMR scheduler's time zone is not documented
// (CreateFlowForWeb's page says nothing of it), so a cron is said not to fire in a window only
// when it fires there in no time zone at all: a warning must never be wrong.
const (
	maxZoneBehindUTC = 12 * time.Hour
	maxZoneAheadUTC  = 14 * time.Hour
)

// quartzDayNumber is a Quartz day-of-week number (1-7 from Sunday), possibly a range start or end.
var quartzDayNumber = regexp.MustCompile(`^([0-9]+)(?:-([0-9]+))?(.*)$`)

// cronForNext turns a valid Quartz expression into the 7-field form the parser library computes
// fire times with: day-of-week numbers shifted from Quartz's 1-7 to the library's 0-6, and the two
// forms it lacks mapped as ParseQuartzCron maps them ("L-n" in day-of-month becomes "L", which is
// the same month).
func cronForNext(expr string) (*cronexpr.Expression, error) {
	if err := ParseQuartzCron(expr); err != nil {
		return nil, err
	}
	fields := strings.Fields(strings.ToUpper(expr))
	if len(fields) == 6 {
		fields = append(fields, "*")
	}
	for i := range fields {
		items := strings.Split(fields[i], ",")
		for j, item := range items {
			mapped, err := quartzItemForParser(i, item)
			if err != nil {
				return nil, err
			}
			if i == fieldDayOfWeek {
				mapped = shiftDayNumbers(mapped)
			}
			items[j] = mapped
		}
		fields[i] = strings.Join(items, ",")
	}
	return cronexpr.Parse(strings.Join(fields, " "))
}

// shiftDayNumbers rewrites the day numbers of a day-of-week item from Quartz's 1-7 (SUN-SAT) to
// 0-6; what follows them ("/2" a step, "#3" the n-th, "L" the last) is a count, kept as it is.
func shiftDayNumbers(item string) string {
	m := quartzDayNumber.FindStringSubmatch(item)
	if m == nil {
		return item // a name (MON), "*" or "?"
	}
	shift := func(s string) string {
		n, _ := strconv.Atoi(s)
		return strconv.Itoa(n - 1)
	}
	out := shift(m[1])
	if m[2] != "" {
		out += "-" + shift(m[2])
	}
	return out + m[3]
}

// CronNextFire returns the first time expr fires at or after t, computed on UTC wall-clock time;
// the zero time when it never does (30 February, a year that is over).
func CronNextFire(expr string, t time.Time) (time.Time, error) {
	e, err := cronForNext(expr)
	if err != nil {
		return time.Time{}, err
	}
	return e.Next(t.UTC().Add(-time.Second)), nil
}

// CronNeverFires returns why expr can never fire after now, or "" when it can (or is not a valid
// expression: its validator says so). The cron_expr validator warns with it.
func CronNeverFires(expr string, now time.Time) string {
	next, err := CronNextFire(expr, now.Add(-maxZoneAheadUTC))
	if err != nil || !next.IsZero() {
		return ""
	}
	return fmt.Sprintf("The cron expression %q never fires: no date after %s matches it (for example 30 or 31 February, "+
		"31 April, or a year that is over). The flow would never run on schedule.", expr, now.UTC().Format("2006-01-02"))
}

// CronWindowWarning returns why expr does not fire between start and end (the flow's
// start_schedule and end_schedule; a zero end is no end), or "" when it fires there in some time
// zone, or never fires at all (CronNeverFires covers that, on the cron_expr attribute), or is not
// valid. The flow's configuration validation warns with it on start_schedule.
func CronWindowWarning(expr string, start, end time.Time) string {
	if !end.IsZero() && !end.After(start) {
		return "" // start_schedule must be before end_schedule: an error of its own
	}
	first, err := CronNextFire(expr, start.Add(-maxZoneBehindUTC))
	if err != nil || first.IsZero() {
		return ""
	}
	// first is a wall-clock time; in a zone of offset o it is the instant first-o, which lies in
	// [start, end) for some o in [-12h, +14h] exactly when first < end+14h.
	if end.IsZero() || first.Before(end.Add(maxZoneAheadUTC)) {
		return ""
	}
	return fmt.Sprintf("The cron expression %q does not fire between start_schedule (%s) and end_schedule (%s) in any time zone: "+
		"its first time after the start is %s (UTC wall-clock). The flow would never run on schedule; widen the window or "+
		"change the expression.", expr, start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339), first.Format("2006-01-02 15:04:05"))
}
