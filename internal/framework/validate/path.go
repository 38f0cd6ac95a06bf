package validate

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// PathName renders an attribute path for a diagnostic's text. path.Path's own String() spells a
// set element by its whole value (`alert[Value({...})].event_id`), which is unreadable; here a set
// element step is dropped (`alert.event_id`), and a value that is itself a set element is "an
// element of parent_flow_ids".
func PathName(p path.Path) string {
	steps := p.Steps()
	if len(steps) == 0 {
		return "the value"
	}
	if _, isSetValue := steps[len(steps)-1].(path.PathStepElementKeyValue); isSetValue {
		return "an element of " + PathName(p.ParentPath())
	}
	var b strings.Builder
	for _, s := range steps {
		switch s := s.(type) {
		case path.PathStepAttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case path.PathStepElementKeyValue:
			// dropped: see above
		default:
			b.WriteString(s.String())
		}
	}
	return b.String()
}
