package flex_test

import (
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

func TestSameJSON(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{`{"a":1,"b":"x"}`, `{ "b" : "x", "a" : 1 }`, true}, // order and spacing
		{`{"priority":1}`, `{"priority":"1"}`, true},        // a number answered as a string
		{`{"memory":2048}`, `{"memory":2048.0}`, true},      // another spelling of the number
		{`{"memory":2048}`, `{"memory":2.048e3}`, true},     // exponent
		{`{"on":true}`, `{"on":"true"}`, true},              // a boolean answered as a string
		{`{"v":[{"n":"a"},{"n":"b"}]}`, `{"v":[{"n":"a"},{"n":"b"}]}`, true},
		{`{"priority":1}`, `{"priority":2}`, false},
		{`{"priority":1}`, `{"priority":"01"}`, false}, // not a JSON number
		{`{"priority":16}`, `{"priority":"0x10"}`, false},
		{`{"v":[1,2]}`, `{"v":[2,1]}`, false}, // arrays keep their order
		{`{"a":1}`, `{"a":1,"b":null}`, false},
		{`{"a":null}`, `{"a":""}`, false},
		{`{"a":"true"}`, `{"a":"yes"}`, false},
		{`{}`, ``, false},
		{`not json`, `not json`, true},
		{`not json`, `{}`, false},
		{`{"a":1} {"b":2}`, `{"a":1}`, false}, // trailing data
	}
	for _, tc := range cases {
		if got := flex.SameJSON(tc.a, tc.b); got != tc.want {
			t.Errorf("SameJSON(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := flex.SameJSON(tc.b, tc.a); got != tc.want {
			t.Errorf("SameJSON(%s, %s) = %v, want %v (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestEmptyJSON(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "  ": true, "{}": true, " { } ": true, "null": true, "[]": true,
		`{"a":1}`: false, `[1]`: false, `""`: false, "0": false, "not json": false,
	} {
		if got := flex.EmptyJSON(s); got != want {
			t.Errorf("EmptyJSON(%q) = %v, want %v", s, got, want)
		}
	}
}
