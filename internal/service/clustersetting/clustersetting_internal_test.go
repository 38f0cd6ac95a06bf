package clustersetting

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func TestStillUsedWarning(t *testing.T) {
	var flows []emrapi.Flow
	if w := stillUsedWarning("FP-1", "C-1", flows); w != "" {
		t.Fatalf("no flows, got a warning: %s", w)
	}
	flows = append(flows,
		emrapi.Flow{ID: "F-OTHER", Name: "elsewhere", ProjectID: "FP-1", ClusterID: "C-2"},
		emrapi.Flow{ID: "F-FOREIGN", Name: "foreign", ProjectID: "FP-2", ClusterID: "C-1"})
	if w := stillUsedWarning("FP-1", "C-1", flows); w != "" {
		t.Fatalf("flows of other clusters or projects, got a warning: %s", w)
	}
	for i := range 7 {
		flows = append(flows, emrapi.Flow{ID: "F-" + string(rune('A'+i)), Name: "f" + string(rune('a'+i)), ProjectID: "FP-1", ClusterID: "C-1"})
	}
	w := stillUsedWarning("FP-1", "C-1", flows)
	for _, want := range []string{"7 flow(s)", "F-A (fa)", "F-E (fe)", "and 2 more", "emrflow_project_cluster_setting"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning lacks %q: %s", want, w)
		}
	}
	if strings.Contains(w, "F-F ") || strings.Contains(w, "F-OTHER") {
		t.Errorf("warning names too much: %s", w)
	}
}

func TestFlattenDefaults(t *testing.T) {
	var m settingModel
	if d := flattenClusterSetting(&emrapi.ClusterSetting{ProjectID: "FP-1", ClusterID: "C-1", DefaultQueue: "undefined"}, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.DefaultUser.ValueString() != "hadoop" || m.DefaultQueue.ValueString() != "default" {
		t.Fatalf("defaults: %v %v", m.DefaultUser, m.DefaultQueue)
	}
	if m.Users.IsNull() || len(m.Users.Elements()) != 0 || m.Hosts.IsNull() {
		t.Fatalf("absent lists must read as empty sets, not null: %v %v", m.Users, m.Hosts)
	}
}
