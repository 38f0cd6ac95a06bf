package credentials

import (
	"fmt"
	"strings"
)

// DefaultRegion is the region used when none is configured anywhere.
const DefaultRegion = "cn-hangzhou"

// ValidateRegion checks the shape of a region ID such as cn-hangzhou, ap-southeast-1 or
// cn-shanghai-finance-1: lower-case ASCII letters and digits in at least two non-empty parts joined
// by single dashes. It does not check that the region exists: new regions appear without a
// provider release, and the API rejects unknown ones.
func ValidateRegion(s string) error {
	if s == "" {
		return fmt.Errorf("region is empty")
	}
	parts := strings.Split(s, "-")
	if len(parts) < 2 {
		return fmt.Errorf("region %q is not a region ID: expected lower-case parts joined by dashes, such as cn-hangzhou or ap-southeast-1", s)
	}
	for _, p := range parts {
		if p == "" {
			return fmt.Errorf("region %q has an empty part between dashes: expected a region ID such as cn-hangzhou or ap-southeast-1", s)
		}
		for _, r := range p {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
				return fmt.Errorf("region %q contains %q: a region ID has only lower-case letters, digits and dashes, such as cn-hangzhou or ap-southeast-1", s, r)
			}
		}
	}
	return nil
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
	if err := ValidateRegion(value); err != nil {
		return "", origin{}, from.newError("Invalid region",
			fmt.Sprintf("The region from %s is not valid: %v.", from.describe(), err), err)
	}
	return value, from, nil
}
