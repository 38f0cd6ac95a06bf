package emulator

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Scheduled runs: a flow UNDER_SCHEDULE gets an instance at every fire time of its Quartz cron
// expression within [StartSchedule, EndSchedule], on the runs' clock (Config.ClockRate
// accelerates it). The schedule starts at the flow's last modification (the one that scheduled
// it): past fire times are not back-filled. The expressions are read in UTC+8 (the service's home time zone).
// Supported: numbers, *, ?, ranges, lists, steps and month/day names; L, W and # never fire.

// maxScheduledPerAdvance bounds the instances one flow gets in one step of the clock (a clock
// rate of a million against a per-second cron would otherwise flood the state).
const maxScheduledPerAdvance = 100

var scheduleZone = time.FixedZone("UTC+8", 8*3600)

// schedule creates the scheduled instances due at t (ms) and reports whether it changed anything.
func (st *state) schedule(s *Server, t int64) bool {
	changed := false
	for id := range st.Schedules {
		if f := st.Flows[id]; f == nil || f.Status != statusUnderSchedule || f.CronExpr == "" {
			dropRecord(st, recSchedule, st.Schedules, id)
			changed = true
		}
	}
	// Only scheduled flows are sorted (creation order keeps the ids' order repeatable): this runs
	// on every run request, and most flows are not scheduled.
	scheduled := map[string]*flow{}
	for id, f := range st.Flows {
		if f.Status == statusUnderSchedule && f.CronExpr != "" {
			scheduled[id] = f
		}
	}
	for _, f := range sortedBySeq(scheduled, func(f *flow) int64 { return f.Seq }) {
		cron, err := parseCron(f.CronExpr)
		if err != nil {
			continue // not a schedule the emulator can follow; the flow simply never fires
		}
		cursor, ok := st.Schedules[f.ID]
		if !ok {
			// The schedule starts when the flow was last modified (the change that scheduled it,
			// as far as the emulator can tell), not when a request first happens to look.
			since := min(t, s.runs.runClock(time.UnixMilli(f.GmtModified)))
			cursor = max(since, f.StartSchedule-1)
			putRecord(st, recSchedule, st.Schedules, f.ID, cursor)
			changed = true
		}
		for i := 0; i < maxScheduledPerAdvance; i++ {
			next, ok := cron.next(time.UnixMilli(cursor))
			fire := next.UnixMilli()
			if !ok || fire > t || (f.EndSchedule != 0 && fire > f.EndSchedule) {
				break
			}
			cursor = fire
			putRecord(st, recSchedule, st.Schedules, f.ID, cursor)
			changed = true
			if fire < f.StartSchedule || s.checkRunnable(st, f) != nil {
				continue
			}
			in, aerr := s.newInstance(st, f, fire, "")
			if aerr != nil {
				continue
			}
			in.ScheduleTime = fire
			putRecord(st, recInstance, st.Instances, in.ID, in)
		}
	}
	return changed
}

// cronSpec is a parsed Quartz expression: the allowed values of each field.
type cronSpec struct {
	sec, min, hour, dom, month, dow, year map[int]bool // year nil = any
}

var (
	monthNames = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
	dowNames   = map[string]int{"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
)

func parseCron(expr string) (*cronSpec, error) {
	fields := strings.Fields(expr)
	if len(fields) != 6 && len(fields) != 7 {
		return nil, fmt.Errorf("want 6 or 7 fields, got %d", len(fields))
	}
	var c cronSpec
	var err error
	parts := []struct {
		dst    *map[int]bool
		lo, hi int
		names  map[string]int
	}{
		{&c.sec, 0, 59, nil}, {&c.min, 0, 59, nil}, {&c.hour, 0, 23, nil},
		{&c.dom, 1, 31, nil}, {&c.month, 1, 12, monthNames}, {&c.dow, 1, 7, dowNames},
	}
	for i, p := range parts {
		if *p.dst, err = parseCronField(fields[i], p.lo, p.hi, p.names); err != nil {
			return nil, fmt.Errorf("field %d %q: %w", i+1, fields[i], err)
		}
	}
	if len(fields) == 7 {
		if c.year, err = parseCronField(fields[6], 1970, 2199, nil); err != nil {
			return nil, fmt.Errorf("field 7 %q: %w", fields[6], err)
		}
	}
	return &c, nil
}

func parseCronField(field string, lo, hi int, names map[string]int) (map[int]bool, error) {
	out := map[int]bool{}
	value := func(s string) (int, error) {
		if n, ok := names[strings.ToUpper(s)]; ok {
			return n, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return 0, fmt.Errorf("%q is not a value from %d to %d", s, lo, hi)
		}
		return n, nil
	}
	for _, item := range strings.Split(field, ",") {
		rng, stepText, hasStep := strings.Cut(item, "/")
		step := 1
		if hasStep {
			n, err := strconv.Atoi(stepText)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("bad step %q", stepText)
			}
			step = n
		}
		from, to := lo, hi
		switch {
		case rng == "*" || rng == "?":
		case strings.Contains(rng, "-"):
			a, b, _ := strings.Cut(rng, "-")
			var err error
			if from, err = value(a); err != nil {
				return nil, err
			}
			if to, err = value(b); err != nil {
				return nil, err
			}
		default:
			n, err := value(rng)
			if err != nil {
				return nil, err
			}
			from, to = n, n
			if hasStep {
				to = hi
			}
		}
		for v := from; v <= to; v += step {
			out[v] = true
		}
	}
	return out, nil
}

// next returns the first fire time strictly after t, searching five years ahead (up to the last
// year of the year field, when it has one): an expression such as "30 February" never fires.
func (c *cronSpec) next(t time.Time) (time.Time, bool) {
	t = t.In(scheduleZone).Truncate(time.Second).Add(time.Second)
	limit := t.AddDate(5, 0, 0)
	for y := range c.year {
		limit = time.Date(max(y+1, limit.Year()), 1, 1, 0, 0, 0, 0, scheduleZone)
	}
	for t.Before(limit) {
		switch {
		case c.year != nil && !c.year[t.Year()]:
			t = time.Date(t.Year()+1, 1, 1, 0, 0, 0, 0, scheduleZone)
		case !c.month[int(t.Month())]:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, scheduleZone)
		case !c.dom[t.Day()] || !c.dow[int(t.Weekday())+1]:
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, scheduleZone)
		case !c.hour[t.Hour()]:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, scheduleZone)
		case !c.min[t.Minute()]:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute()+1, 0, 0, scheduleZone)
		case !c.sec[t.Second()]:
			t = t.Add(time.Second)
		default:
			return t, true
		}
	}
	return time.Time{}, false
}
