package validate_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestNotEmpty(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		value   types.String
		wantErr bool
	}{
		{"null", types.StringNull(), false},
		{"unknown", types.StringUnknown(), false},
		{"value", types.StringValue("ls -l"), false},
		{"blank is a value", types.StringValue(" "), false},
		{"empty", types.StringValue(""), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, validate.NotEmpty(), tc.value)
			if (len(errs) > 0) != tc.wantErr {
				t.Fatalf("errors = %q, want error: %v", errs, tc.wantErr)
			}
			if tc.wantErr && !strings.Contains(errs[0], "leave the attribute out") {
				t.Fatalf("error %q does not say what to do", errs[0])
			}
		})
	}
}

func TestEmptyOr(t *testing.T) {
	t.Parallel()
	v := validate.EmptyOr(validate.IDPrefix("FC-"))
	cases := []struct {
		name    string
		value   types.String
		wantErr bool
	}{
		{"null", types.StringNull(), false},
		{"unknown", types.StringUnknown(), false},
		{"empty", types.StringValue(""), false},
		{"inner accepts", types.StringValue("FC-0123456789ABCDEF"), false},
		{"inner refuses", types.StringValue("FJ-0123456789ABCDEF"), true},
		{"blank is not empty", types.StringValue(" "), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, v, tc.value)
			if (len(errs) > 0) != tc.wantErr {
				t.Fatalf("errors = %q, want error: %v", errs, tc.wantErr)
			}
		})
	}
	if d := v.Description(t.Context()); !strings.Contains(d, `""`) || !strings.Contains(d, `"FC-"`) {
		t.Fatalf("description %q names neither the empty string nor the prefix", d)
	}
}

func TestJSONObject(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		value   types.String
		wantErr string // "" = valid
	}{
		{"null", types.StringNull(), ""},
		{"unknown", types.StringUnknown(), ""},
		{"object", types.StringValue(`{"priority":1,"userName":"hadoop"}`), ""},
		{"empty object", types.StringValue(`{}`), ""},
		{"spaced object", types.StringValue(" {\n \"a\" : [1, 2] }\n"), ""},
		{"array", types.StringValue(`[1,2]`), "got an array"},
		{"number", types.StringValue(`12`), "got a number"},
		{"string", types.StringValue(`"x"`), "got a string"},
		{"null literal", types.StringValue(`null`), "got null"},
		{"bool", types.StringValue(`true`), "got a boolean"},
		{"syntax", types.StringValue(`{"a":}`), "is not valid JSON"},
		{"empty", types.StringValue(``), "is not valid JSON"},
		{"trailing garbage", types.StringValue(`{} x`), "is not valid JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, validate.JSONObject(), tc.value)
			if tc.wantErr == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %q", errs)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0], tc.wantErr) {
				t.Fatalf("errors = %q, want one containing %q", errs, tc.wantErr)
			}
		})
	}
}

func TestURLScheme(t *testing.T) {
	t.Parallel()
	v := validate.URLScheme("oss", "hdfs")
	cases := []struct {
		name    string
		value   types.String
		wantErr bool
	}{
		{"null", types.StringNull(), false},
		{"unknown", types.StringUnknown(), false},
		{"oss", types.StringValue("oss://bucket/path/demo.jar"), false},
		{"hdfs", types.StringValue("hdfs:///user/hadoop/a.py"), false},
		{"scheme only", types.StringValue("oss://"), true},
		{"upper case", types.StringValue("OSS://bucket/a"), true},
		{"http", types.StringValue("http://example.com/a.jar"), true},
		{"relative", types.StringValue("bucket/a.jar"), true},
		{"empty", types.StringValue(""), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, v, tc.value)
			if (len(errs) > 0) != tc.wantErr {
				t.Fatalf("errors = %q, want error: %v", errs, tc.wantErr)
			}
			if tc.wantErr && !strings.Contains(errs[0], "oss:// or hdfs://") {
				t.Fatalf("error %q does not list the schemes", errs[0])
			}
		})
	}
}

func TestParseProjectScopedID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in          string
		wantProject string
		wantID      string
		wantErr     string
	}{
		{in: "FP-257A173659F5:FJ-7A39731FE719", wantProject: "FP-257A173659F5", wantID: "FJ-7A39731FE719"},
		{in: "FP-1:FJ-2", wantProject: "FP-1", wantID: "FJ-2"},
		{in: "FJ-7A39731FE719", wantErr: "no colon"},
		{in: "", wantErr: "no colon"},
		{in: "FJ-1:FP-2", wantErr: `"FJ-1" is not a project id`},
		{in: ":FJ-2", wantErr: "is not a project id"},
		{in: "FP-1:", wantErr: `"" does not start with FJ-`},
		{in: "FP-1:FC-2", wantErr: `"FC-2" does not start with FJ-`},
		{in: "FP-1:FJ-2:x", wantErr: "does not start with FJ-"},
		{in: " FP-1:FJ-2", wantErr: "is not a project id"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			p, id, err := validate.ParseProjectScopedID(tc.in, "FJ-")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if !strings.Contains(err.Error(), "FP-257A173659F5E1A2:FJ-") {
					t.Fatalf("err %q shows no example", err)
				}
				return
			}
			if err != nil || p != tc.wantProject || id != tc.wantID {
				t.Fatalf("= %q, %q, %v; want %q, %q, nil", p, id, err, tc.wantProject, tc.wantID)
			}
		})
	}
}
