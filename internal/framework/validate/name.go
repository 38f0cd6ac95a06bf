package validate

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ObjectName returns a validator for the name of a job, category or flow: 1 to maxLen characters,
// no leading or trailing blank and no control characters, the console's rules. Whether the name
// is free in its project or folder is for the API to say.
func ObjectName(maxLen int) validator.String {
	return StringRule(fmt.Sprintf("value must be 1 to %d characters, without leading or trailing blanks or control characters", maxLen),
		func(p path.Path, s string, diags *diag.Diagnostics) {
			if err := checkObjectName(s, maxLen); err != nil {
				diags.AddAttributeError(p, "Invalid name", fmt.Sprintf("%s %s.", p, err))
			}
		})
}

func checkObjectName(s string, maxLen int) error {
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		return fmt.Errorf("must be valid UTF-8")
	case n == 0:
		return fmt.Errorf("must not be empty")
	case n > maxLen:
		return fmt.Errorf("must be at most %d characters, got %d", maxLen, n)
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return fmt.Errorf("must not start or end with a blank, got %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("must not hold control characters, got %q", s)
		}
	}
	return nil
}

// NameShape returns a validator for ObjectName's rules without its length limit: not empty, no
// leading or trailing blank and no control characters. It is for a name whose length another
// validator checks (a project's: stringvalidator.LengthBetween, which counts bytes), and its
// diagnostic keeps the framework validators' wording ("Attribute name must not start or end with
// a blank and must not hold control characters, got: …") that the project resource has always
// shown.
func NameShape() validator.String {
	return StringRule(nameShapeRule, func(p path.Path, s string, diags *diag.Diagnostics) {
		// No limit on the length: a name has at most as many runes as it has.
		if checkObjectName(s, utf8.RuneCountInString(s)) != nil {
			diags.AddAttributeError(p, "Invalid Attribute Value Match", fmt.Sprintf("Attribute %s %s, got: %s", p, nameShapeRule, s))
		}
	})
}

const nameShapeRule = "must not start or end with a blank and must not hold control characters"
