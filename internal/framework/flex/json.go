package flex

import (
	"encoding/json"
	"math/big"
	"regexp"
	"strings"
)

// jsonNumber is the grammar of a JSON number, so that only numbers (or strings that hold one)
// compare by value.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// SameJSON tells whether two JSON texts mean the same to the API, so that a server that stores a
// setting and answers it re-serialised makes no diff. Beyond key order and spacing (what
// jsontypes.Normalized forgives), it forgives what nothing documents but a server plausibly does:
// a number or boolean answered as a string ("1" for 1, "true" for true) and a number written
// another way (1.0 for 1). Arrays keep their order: in a job's settings it can matter. Two texts
// that are not both JSON are the same only when equal.
func SameJSON(a, b string) bool {
	if a == b {
		return true
	}
	va, okA := decodeJSON(a)
	vb, okB := decodeJSON(b)
	return okA && okB && sameValue(va, vb)
}

// EmptyJSON tells whether s is how a server may answer a JSON setting it holds nothing for: "",
// blanks, "{}", "null" or "[]".
func EmptyJSON(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	v, ok := decodeJSON(s)
	if !ok {
		return false
	}
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	return false
}

func decodeJSON(s string) (any, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	// Trailing garbage makes it something else than one JSON value.
	if dec.More() {
		return nil, false
	}
	return v, true
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, vx := range x {
			vy, ok := y[k]
			if !ok || !sameValue(vx, vy) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case nil:
		return b == nil
	}
	sa, okA := scalarText(a)
	sb, okB := scalarText(b)
	if !okA || !okB {
		return false
	}
	if sa == sb {
		return true
	}
	// Numbers compare by value, whichever side came as a string.
	if !jsonNumber.MatchString(sa) || !jsonNumber.MatchString(sb) {
		return false
	}
	ra, okA := new(big.Rat).SetString(sa)
	rb, okB := new(big.Rat).SetString(sb)
	return okA && okB && ra.Cmp(rb) == 0
}

// scalarText is the text of a string, number or boolean.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	}
	return "", false
}
