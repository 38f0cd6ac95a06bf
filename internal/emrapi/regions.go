package emrapi

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"
)

//go:generate go test -run TestSDKRegionsFresh -update-sdk-regions .

// Regions returns the regions the Alibaba Cloud SDK knows for EMR, sorted: the keys of the emr
// package's endpoint map (emr.GetEndpointMap) and the regions of product "emr" in the SDK's
// endpoint data (sdk/endpoints/endpoints_config.go, not exported, so copied into regions_sdk.go by
// `go generate`; TestSDKRegionsFresh fails when the copy differs from the SDK in go.mod). The list
// is what a region is checked against at plan time; the SDK would send a call for any other region
// to a guessed host, emr.<region>.aliyuncs.com.
func Regions() []string {
	seen := make(map[string]bool, len(sdkEndpointRegions))
	for _, r := range sdkEndpointRegions {
		seen[r] = true
	}
	for r := range emr.GetEndpointMap() {
		seen[r] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// IsKnownRegion reports whether region is one of Regions().
func IsKnownRegion(region string) bool {
	return slices.Contains(Regions(), region)
}

// CheckRegion is the one rule for a region id, wherever it comes from (the provider block, the
// environment, a profile, a flow's region): nil when region is one of Regions(), else an error that
// says why and, for a near miss, which region was meant. A region the SDK does not list yet needs a
// provider built with a newer SDK: the SDK would send its calls to a guessed host.
func CheckRegion(region string) error {
	if err := checkRegionShape(region); err != nil {
		return err
	}
	known := Regions()
	if slices.Contains(known, region) {
		return nil
	}
	if near := nearest(region, known); near != "" {
		return fmt.Errorf("region %q is not a region of EMR; did you mean %q?", region, near)
	}
	return fmt.Errorf("region %q is not a region of EMR; the regions the Alibaba Cloud SDK knows for EMR are %s",
		region, strings.Join(known, ", "))
}

// checkRegionShape checks the shape of a region id such as cn-hangzhou, ap-southeast-1 or
// cn-shanghai-finance-1: lower-case ASCII letters and digits in at least two non-empty parts joined
// by single dashes. Its messages are more helpful than "not a region" for a value that could not
// be one (a city name, a stray blank).
func checkRegionShape(s string) error {
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
