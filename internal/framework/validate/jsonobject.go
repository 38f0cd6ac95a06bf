package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// JSONObject returns a validator for a string attribute that must hold a JSON object, such as a
// job's env_conf or run_conf: the API takes them as JSON-encoded strings and would accept an array
// or a number at create time only to fail when the job runs. Invalid JSON gets its own message
// with the position of the error.
func JSONObject() validator.String {
	return stringRule{
		description: `value must be a JSON object, e.g. jsonencode({ key = "value" })`,
		markdown:    "value must be a JSON object, e.g. `jsonencode({ key = \"value\" })`",
		check: func(p path.Path, v string, diags *diag.Diagnostics) {
			if err := checkJSONObject(v); err != nil {
				diags.AddAttributeError(p, "Invalid JSON object",
					fmt.Sprintf("%s %s. Write it with jsonencode({ ... }) to be sure it is a JSON object.", p, err))
			}
		},
	}
}

// checkJSONObject tells what is wrong with s as a JSON object, or nil.
func checkJSONObject(s string) error {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return fmt.Errorf("is not valid JSON: %s (at byte %d)", syn, syn.Offset)
		}
		return fmt.Errorf("is not valid JSON: %w", err)
	}
	if _, ok := v.(map[string]any); !ok {
		return fmt.Errorf("must be a JSON object ({...}), got %s", jsonKindOf(v, s))
	}
	return nil
}

func jsonKindOf(v any, raw string) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return strings.TrimSpace(raw)
}
