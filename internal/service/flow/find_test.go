package flow

import (
	"context"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// TestFindFlowByID: the flow when it exists, an error emrapi.IsNotFound recognises when not.
func TestFindFlowByID(t *testing.T) {
	t.Parallel()
	api := &fakeAPI{flows: map[string]*emrapi.Flow{"F-1": {ID: "F-1", ProjectID: "FP-1", Name: "daily"}}}
	f, err := findFlowByID(context.Background(), api, "FP-1", "F-1")
	if err != nil || f.ID != "F-1" || f.Name != "daily" {
		t.Fatalf("findFlowByID(F-1) = %+v, %v", f, err)
	}
	if _, err := findFlowByID(context.Background(), api, "FP-1", "F-GONE"); !emrapi.IsNotFound(err) {
		t.Errorf("findFlowByID(F-GONE): error %v, want one IsNotFound holds for", err)
	}
}
