package validate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gorhill/cronexpr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// QuartzCronHint is appended to cron diagnostics so that the user sees what a valid value is.
const QuartzCronHint = `A Quartz cron expression has 6 or 7 fields separated by spaces: ` +
	`seconds minutes hours day-of-month month day-of-week [year], with "?" in exactly one of ` +
	`day-of-month and day-of-week; for example "0 0 0-23/1 * * ?" (every hour) or "0 30 2 ? * MON-FRI" ` +
	`(02:30 on weekdays).`

var cronFieldNames = [7]string{"seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year"}

const (
	fieldDayOfMonth = 3
	fieldDayOfWeek  = 5
)

// lastDayOffset matches Quartz's "L-3" (three days before the last day of the month), which the
// parser library does not know; it is checked here and replaced by "L" before parsing.
var lastDayOffset = regexp.MustCompile(`^L-([0-9]{1,2})$`)

// ParseQuartzCron checks that expr is a Quartz cron expression, the dialect the EMR scheduler (a
// Java service) accepts: 6 or 7 fields, seconds first, "?" in exactly one of day-of-month and
// day-of-week, day-of-week numbered 1-7 (SUN-SAT), L, W and # where Quartz allows them.
//
// The field syntax is checked by github.com/gorhill/cronexpr, which parses a whole field without
// depending on the current time (github.com/adhocore/gronx was rejected for that reason: its
// validity check stops at the first list item that matches "now"). The library reads 7 fields as
// Quartz does, but reads 6 fields as minutes..year, so expressions are always handed to it with 7
// fields, and each item of a list is parsed on its own because the library accepts "*,junk".
// The Quartz rules the library does not have are checked here.
func ParseQuartzCron(expr string) error {
	fields := strings.Fields(strings.ToUpper(expr))
	if len(fields) != 6 && len(fields) != 7 {
		return fmt.Errorf("expected 6 or 7 fields, got %d in %q", len(fields), expr)
	}
	if len(fields) == 6 {
		fields = append(fields, "*")
	}

	for i, f := range fields {
		if strings.Contains(f, "?") && (f != "?" || (i != fieldDayOfMonth && i != fieldDayOfWeek)) {
			return fmt.Errorf(`the %s field is %q: "?" is only allowed alone, as the whole day-of-month or day-of-week field`, cronFieldNames[i], f)
		}
	}
	dom, dow := fields[fieldDayOfMonth], fields[fieldDayOfWeek]
	switch {
	case dom == "?" && dow == "?":
		return errors.New(`day-of-month and day-of-week are both "?": exactly one of them must be "?"`)
	case dom != "?" && dow != "?":
		return fmt.Errorf(`day-of-month is %q and day-of-week is %q: Quartz needs "?" in exactly one of them, e.g. "0 0 12 * * ?" or "0 0 12 ? * MON"`, dom, dow)
	}
	if err := checkQuartzDayOfWeekNumbers(dow); err != nil {
		return err
	}

	for i, f := range fields {
		for _, item := range strings.Split(f, ",") {
			mapped, err := quartzItemForParser(i, item)
			if err != nil {
				return err
			}
			if plainItem(i, mapped) {
				continue
			}
			probe := [7]string{"0", "0", "0", "*", "*", "?", "*"}
			probe[i] = mapped
			if _, err := cronexpr.Parse(strings.Join(probe[:], " ")); err != nil {
				return fmt.Errorf("the %s field is %q: %q is not valid there (%v)", cronFieldNames[i], f, item, err)
			}
		}
	}
	return nil
}

// plainItem reports whether item is one that the parser library accepts in field whatever the
// other fields hold (TestPlainItemsParse proves it for each): "*", the "?" of day-of-month or
// day-of-week, and the 0 of the time fields. Most expressions are made of these; not handing them
// to the library spares a parse (regexp matches and allocations) per item on every validation of
// every flow of a plan.
func plainItem(field int, item string) bool {
	switch item {
	case "*":
		return true
	case "?":
		return field == fieldDayOfMonth || field == fieldDayOfWeek
	case "0":
		return field <= 2 // seconds, minutes, hours
	}
	return false
}

// quartzItemForParser rewrites the one Quartz form of each field that the parser library lacks
// into an equivalent one it knows, after checking it.
func quartzItemForParser(field int, item string) (string, error) {
	switch field {
	case fieldDayOfMonth:
		if m := lastDayOffset.FindStringSubmatch(item); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > 30 {
				return "", fmt.Errorf("the day-of-month item %q: the offset from the last day must be 0-30", item)
			}
			return "L", nil
		}
	case fieldDayOfWeek:
		if item == "L" { // alone in day-of-week, L is the last day of the week: Saturday
			return "SAT", nil
		}
	}
	return item, nil
}

// checkQuartzDayOfWeekNumbers rejects 0 as a day of the week: Quartz numbers days 1-7 from
// Sunday, while the parser library also accepts 0.
func checkQuartzDayOfWeekNumbers(dow string) error {
	for _, item := range strings.Split(dow, ",") {
		days, _, _ := strings.Cut(item, "/") // a step is a count, not a day
		days, _, _ = strings.Cut(days, "#")  // so is the n of "6#3"
		for _, d := range strings.Split(strings.TrimSuffix(days, "L"), "-") {
			if d == "0" || (len(d) > 1 && strings.Trim(d, "0") == "") {
				return fmt.Errorf("the day-of-week field is %q: days of the week are 1-7 (SUN-SAT) in Quartz, 0 is not a day", dow)
			}
		}
	}
	return nil
}

// QuartzCron returns a validator for a string attribute holding a Quartz cron expression.
func QuartzCron() validator.String {
	return StringRule("value must be a Quartz cron expression with 6 or 7 fields (seconds first)", func(p path.Path, v string, diags *diag.Diagnostics) {
		if err := ParseQuartzCron(v); err != nil {
			diags.AddAttributeError(p, "Invalid cron expression",
				fmt.Sprintf("%s is not a valid Quartz cron expression: %s.\n\n%s", PathName(p), err, QuartzCronHint))
			return
		}
		// Valid but never firing (0 0 2 31 2 ?) is accepted by the API and silently never runs: a
		// warning, since the API allows it and a user may park a flow that way on purpose.
		if msg := CronNeverFires(v, time.Now()); msg != "" {
			diags.AddAttributeWarning(p, "Cron expression never fires", msg)
		}
	})
}
