package emrapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The API is loose about JSON types: numbers sometimes come as strings, booleans as "true" (the
// DescribeFlowJob "Adhoc" field always does). These types accept either form, so that one quirk
// of one action does not break a read.

// flexInt64 decodes a JSON number, a string holding a number, "" or null.
type flexInt64 int64

func (f *flexInt64) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*f = 0
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*f = 0
			return nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		*f = flexInt64(n)
		return nil
	}
	// A float such as 1.0 or 1e3: accept it when it is integral.
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != float64(int64(x)) {
		return fmt.Errorf("not an integer: %s", b)
	}
	*f = flexInt64(int64(x))
	return nil
}

// flexBool decodes a JSON boolean, a string ("true", "false", "", case-insensitive), a number (0 or
// not) or null.
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = false
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "1", "y", "yes":
			*f = true
		case "false", "0", "n", "no", "":
			*f = false
		default:
			return fmt.Errorf("not a boolean: %s", b)
		}
		return nil
	case string(b) == "true":
		*f = true
		return nil
	case string(b) == "false":
		*f = false
		return nil
	default:
		x, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return fmt.Errorf("not a boolean: %s", b)
		}
		*f = x != 0
		return nil
	}
}

// flexString decodes a JSON string, or renders any other JSON value (a number, or an object where
// the API documents a JSON-encoded string) as its compact text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*f = ""
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return err
	}
	*f = flexString(buf.String())
	return nil
}
