package emrapi

import (
	"slices"
	"sort"

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
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// IsKnownRegion reports whether region is one of Regions().
func IsKnownRegion(region string) bool {
	return slices.Contains(Regions(), region)
}
