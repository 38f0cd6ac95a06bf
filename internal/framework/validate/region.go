package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/credentials"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// Region returns a validator for a region id (the provider's region, a flow's region): it must be
// one of the regions the Alibaba Cloud SDK knows for EMR (emrapi.Regions), whatever the endpoint,
// so that a typo such as cn-hangzou is an error at plan time rather than a region every flow would
// be replaced into. A near miss gets a "did you mean". A region the SDK does not list yet needs a
// provider built with a newer SDK.
func Region() validator.String { return regionValidator{} }

type regionValidator struct{}

func (regionValidator) Description(context.Context) string {
	return "value must be a region of EMR, e.g. cn-hangzhou or ap-southeast-1"
}

func (v regionValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckRegion(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid region", Sentence(fmt.Sprintf("%s: %s", req.Path, err)))
	}
}

// CheckRegion returns nil when region is a region of EMR, else an error that says why and, for a
// near miss, which region was meant. The configure step uses it for regions that come from the
// environment or a profile, which no plan-time validator sees.
func CheckRegion(region string) error {
	if err := credentials.ValidateRegion(region); err != nil {
		return err
	}
	known := emrapi.Regions()
	for _, r := range known {
		if r == region {
			return nil
		}
	}
	if near := nearest(region, known); near != "" {
		return fmt.Errorf("region %q is not a region of EMR; did you mean %q?", region, near)
	}
	return fmt.Errorf("region %q is not a region of EMR; the regions the Alibaba Cloud SDK knows for EMR are %s",
		region, strings.Join(known, ", "))
}

// nearest returns the candidate closest to s in edit distance when it is close enough to be a
// typo (at most a third of the candidate's length, and at most 3 edits), else "".
func nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		if d <= 3 && d*3 <= len(c) && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes (region ids are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
