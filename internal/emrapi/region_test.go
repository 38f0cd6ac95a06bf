package emrapi

import "testing"

// TestInRegion checks that a regional view sends every call, reads included, to its own region
// while sharing the client, and that the client itself keeps its region.
func TestInRegion(t *testing.T) {
	body := `{"RequestId":"R","Id":"F-1","Name":"f"}`
	api := newFakeAPI(t, script(ok(body), ok(body), ok(`{"RequestId":"R","Data":true}`)))
	c := newTestClient(t, api.URL, nil)
	sh := c.InRegion("cn-shanghai")
	if sh.core != c.core {
		t.Error("the regional view does not share the client's core")
	}
	if c.InRegion("") != c || c.InRegion(c.Region()) != c {
		t.Error("InRegion of the client's own region (or none) must be the client itself")
	}
	if _, err := sh.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	if err := sh.DeleteFlow(t.Context(), "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	want := []string{"cn-shanghai", c.Region(), "cn-shanghai"}
	for i, r := range api.requests() {
		if got, _ := r.param("RegionId"); got != want[i] {
			t.Errorf("request %d went to region %q, want %q", i, got, want[i])
		}
	}
	if sh.Region() != "cn-shanghai" || c.Region() == "cn-shanghai" {
		t.Errorf("regions: view %q, client %q", sh.Region(), c.Region())
	}
}
