package emulator

import (
	"fmt"
	"slices"
	"strings"
)

// Switches: readings of what the pages leave open (timing, a server's own list order, paging,
// empty answers, ignored parameters) that a real server may plausibly show. Unlike the answer
// profiles (answers.go), which reshape an answer after the fact, a switch changes what the server
// does. Each is off by default; `-switches a,b` (the emulator's flag) or EMRFLOW_ACC_SWITCHES (the
// acceptance harness) turns some on, and `make test-switches` runs the acceptance tests under each.
// EMULATOR.md lists every switch with the page that leaves the question open.
const (
	// SwitchAsyncRuns: a run that SubmitFlow or RerunFlow started is unknown to
	// DescribeFlowInstance and ListFlowInstance for its first seconds (the service may create it
	// asynchronously), and SubmitFlow answers the run's id in `Id` only (older SDK types have
	// nothing else).
	SwitchAsyncRuns = "async-runs"
	// SwitchServerOrder: list actions ignore OrderBy/OrderType (no page documents them) and
	// answer in the server's own order, oldest first.
	SwitchServerOrder = "server-order"
	// SwitchOnePage: list actions that document no paging parameters (ListFlowClusterAll) answer
	// their first page only, with TotalCount counting everything.
	SwitchOnePage = "one-page"
	// SwitchEmptyEnvelope: a Describe action of an object whose page documents no not-found
	// message (a cluster setting) answers {"code":"200","data":null} instead of an error.
	SwitchEmptyEnvelope = "empty-envelope"
	// SwitchUndocumentedNotFound: the same Describe actions answer a not-found error with a
	// message no client could have matched.
	SwitchUndocumentedNotFound = "undocumented-not-found"
	// SwitchIgnoreBareList: the gateway ignores a bare list parameter (`UserList=`,
	// `ResourceList=`) that carries no `.N` items, so an emptied list keeps its old items.
	SwitchIgnoreBareList = "ignore-bare-list"
)

// SwitchNames lists the switches, for flags and messages.
func SwitchNames() []string {
	return []string{SwitchAsyncRuns, SwitchServerOrder, SwitchOnePage, SwitchEmptyEnvelope,
		SwitchUndocumentedNotFound, SwitchIgnoreBareList}
}

// switches is the set of switches a Server runs with.
type switches map[string]bool

// on tells whether the switch is on.
func (s switches) on(name string) bool { return s[name] }

// ParseSwitches reads a comma-separated list of switch names ("" = none); an unknown name is an
// error naming the known ones.
func ParseSwitches(list string) (switches, error) {
	out := switches{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(SwitchNames(), name) {
			return nil, fmt.Errorf("unknown switch %q (want some of %s)", name, strings.Join(SwitchNames(), ", "))
		}
		out[name] = true
	}
	return out, nil
}
