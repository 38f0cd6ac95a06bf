package emrapi

import (
	"fmt"
	"testing"
)

// A page walk yields each page as it arrives and asks for no page after the consumer stops: a
// list resource that has shown enough results must not walk the rest of the account.
func TestFlowPagesStreams(t *testing.T) {
	api := newFakeAPI(t, pagedFlows(250, 1000, true))
	c := newTestClient(t, api.URL, nil)
	var sizes []int
	for got, err := range c.FlowPages(t.Context(), ListFlowsInput{ProjectID: "FP-1"}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(got))
		if api.count() != len(sizes) {
			t.Fatalf("page %d arrived after %d requests: pages are not yielded one at a time", len(sizes), api.count())
		}
		if len(sizes) == 2 {
			break
		}
	}
	if fmt.Sprint(sizes) != "[100 100]" {
		t.Errorf("page sizes %v, want [100 100]", sizes)
	}
	if api.count() != 2 {
		t.Errorf("%d requests after stopping at the second page, want 2", api.count())
	}
}

// An error ends the walk: it is yielded once, after the pages that came before it.
func TestFlowPagesError(t *testing.T) {
	good := pagedFlows(250, 1000, true)
	api := newFakeAPI(t, func(n int, r recorded) reply {
		if r.Query.Get("PageNumber") == "2" {
			return flowErr("Project does not exist [FP-1]")
		}
		return good(n, r)
	})
	c := newTestClient(t, api.URL, nil)
	var pages, errs int
	for got, err := range c.FlowPages(t.Context(), ListFlowsInput{ProjectID: "FP-1"}) {
		if err != nil {
			errs++
			continue
		}
		pages++
		if len(got) != 100 {
			t.Errorf("page of %d flows, want 100", len(got))
		}
	}
	if pages != 1 || errs != 1 {
		t.Errorf("%d pages and %d errors, want 1 and 1", pages, errs)
	}
}
