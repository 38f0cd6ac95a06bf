package credentials

import (
	"fmt"

	"github.com/emrflow/terraform-provider-emrflow/internal/sentence"
)

// DefaultRegion is the region used when none is configured anywhere.
const DefaultRegion = "cn-hangzhou"

// checkRegion applies the caller's region rule (Input.CheckRegion); without one every value is
// taken, and the API has the last word.
func (in Input) checkRegion(s string) error {
	if in.CheckRegion == nil {
		return nil
	}
	return in.CheckRegion(s)
}

// explicitRegion returns the region given in the provider block or the environment, with its
// origin, or "" when neither gives one. An invalid value is an error naming where it came from.
func explicitRegion(in Input, env Env) (string, origin, error) {
	var (
		value string
		from  origin
	)
	if in.Region != "" {
		value, from = in.Region, origin{attribute: attrRegion}
	} else if v, name := firstEnv(env, EnvRegionID, EnvRegion, EnvAlicloudRegion); v != "" {
		value, from = v, origin{envVar: name}
	} else {
		return "", origin{}, nil
	}
	if err := in.checkRegion(value); err != nil {
		return "", origin{}, from.newError("Invalid region",
			fmt.Sprintf("The region from %s is not valid: %s", from.describe(), sentence.End(err.Error())), err)
	}
	return value, from, nil
}
