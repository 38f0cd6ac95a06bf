package job

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// The answers below are what DescribeFlowJob may plausibly return for one job, written by hand as
// the raw JSON a server sends: nothing documents what comes back for a setting left unset (the
// documented sample answer simply omits most fields), so each variation a real server could show is
// here, named after the emulator's answer profiles (EMRFLOW_ACC_ANSWERS). Each goes through the
// real client (decoding included) and flatten, with the plan as the prior value, as after an apply,
// and must give the plan back: anything else would be "inconsistent result after apply" or a
// perpetual diff.

// minimalPlan is the plan of a job that sets only what is required.
func minimalPlan(t *testing.T) jobModel {
	t.Helper()
	empty, diags := types.ListValue(resourceObjectType, nil)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return jobModel{
		ID: types.StringValue("FJ-1"), ProjectID: types.StringValue("FP-1"), Name: types.StringValue("n"),
		Type: types.StringValue("SHELL"), Description: types.StringNull(), Params: types.StringNull(),
		ParamConf: jsontypes.NewNormalizedNull(), CustomVariables: jsontypes.NewNormalizedNull(),
		EnvConf: jsontypes.NewNormalizedNull(), RunConf: jsontypes.NewNormalizedNull(),
		MonitorConf: jsontypes.NewNormalizedNull(), Mode: types.StringValue(defaultMode),
		FailAct: types.StringValue(defaultFailAct), MaxRetry: types.Int64Value(0), RetryInterval: types.Int64Value(0),
		RetryPolicy: types.StringNull(), MaxRunningTimeSec: types.Int64Value(0), ClusterID: types.StringNull(),
		Adhoc: types.BoolValue(false), ParentCategoryID: types.StringNull(), Resources: empty,
	}
}

// fullPlan is the plan of a job that sets everything, JSON as jsonencode() writes it.
func fullPlan(t *testing.T) jobModel {
	t.Helper()
	m := minimalPlan(t)
	m.Description, m.Params, m.RetryPolicy = types.StringValue("d"), types.StringValue("ls -l"), types.StringValue("p")
	m.ParamConf = jsontypes.NewNormalizedValue(`{"date":"${yyyy-MM-dd}"}`)
	m.CustomVariables = jsontypes.NewNormalizedValue(`{"scope":"PROJECT","variables":[{"name":"v1","value":"1"}]}`)
	m.EnvConf = jsontypes.NewNormalizedValue(`{"JAVA_HOME":"/opt/java"}`)
	m.RunConf = jsontypes.NewNormalizedValue(`{"cores":1,"memory":2048,"priority":1,"userName":"hadoop"}`)
	m.MonitorConf = jsontypes.NewNormalizedValue(`{"inputs":[{"type":"KAFKA","topics":"t"}]}`)
	m.Mode, m.FailAct = types.StringValue("LOCAL"), types.StringValue("CONTINUE")
	m.MaxRetry, m.RetryInterval, m.MaxRunningTimeSec = types.Int64Value(3), types.Int64Value(200), types.Int64Value(3600)
	m.ClusterID = types.StringValue("C-1")
	m.Adhoc = types.BoolValue(true)
	m.ParentCategoryID = types.StringValue("FC-1")
	list, diags := types.ListValueFrom(context.Background(), resourceObjectType, []resourceModel{
		{Path: types.StringValue("oss://b/app.jar"), Alias: types.StringValue("app.jar")},
		{Path: types.StringValue("hdfs:///lib.py"), Alias: types.StringNull()},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	m.Resources = list
	return m
}

// answers maps a profile to DescribeFlowJob's answer for the minimal and the full job.
var answers = map[string]struct{ minimal, full string }{
	// What the emulator answers today: every field, as stored.
	"baseline": {
		minimal: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"","Params":"","ParamConf":"",
			"CustomVariables":"","EnvConf":"","RunConf":"","MonitorConf":"","mode":"YARN","FailAct":"STOP","MaxRetry":0,
			"RetryInterval":0,"RetryPolicy":"","MaxRunningTimeSec":0,"ClusterId":"","Adhoc":"false","CategoryId":"",
			"AlertConf":"","ResourceList":{"Resource":[]}}`,
		full: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"d","Params":"ls -l",
			"ParamConf":"{\"date\":\"${yyyy-MM-dd}\"}",
			"CustomVariables":"{\"scope\":\"PROJECT\",\"variables\":[{\"name\":\"v1\",\"value\":\"1\"}]}",
			"EnvConf":"{\"JAVA_HOME\":\"/opt/java\"}","RunConf":"{\"cores\":1,\"memory\":2048,\"priority\":1,\"userName\":\"hadoop\"}",
			"MonitorConf":"{\"inputs\":[{\"type\":\"KAFKA\",\"topics\":\"t\"}]}","mode":"LOCAL","FailAct":"CONTINUE",
			"MaxRetry":3,"RetryInterval":200,"RetryPolicy":"p","MaxRunningTimeSec":3600,"ClusterId":"C-1","Adhoc":"true",
			"CategoryId":"FC-1","AlertConf":"",
			"ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"},{"Path":"hdfs:///lib.py","Alias":""}]}}`,
	},
	// Unset fields omitted, as in the documented sample answer; defaults omitted too.
	"sparse": {
		minimal: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL"}`,
		full: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"d","Params":"ls -l",
			"ParamConf":"{\"date\":\"${yyyy-MM-dd}\"}",
			"CustomVariables":"{\"scope\":\"PROJECT\",\"variables\":[{\"name\":\"v1\",\"value\":\"1\"}]}",
			"EnvConf":"{\"JAVA_HOME\":\"/opt/java\"}","RunConf":"{\"cores\":1,\"memory\":2048,\"priority\":1,\"userName\":\"hadoop\"}",
			"MonitorConf":"{\"inputs\":[{\"type\":\"KAFKA\",\"topics\":\"t\"}]}","mode":"LOCAL","FailAct":"CONTINUE",
			"MaxRetry":3,"RetryInterval":200,"RetryPolicy":"p","MaxRunningTimeSec":3600,"Adhoc":"true","CategoryId":"FC-1",
			"ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"},{"Path":"hdfs:///lib.py"}]}}`,
	},
	// Unset strings as "", unset JSON settings as "{}", numbers and enumerations empty.
	"empty": {
		minimal: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"","Params":"","ParamConf":"{}",
			"CustomVariables":"{}","EnvConf":"{}","RunConf":"{}","MonitorConf":"{}","mode":"","FailAct":"","MaxRetry":"",
			"RetryInterval":"","RetryPolicy":"","MaxRunningTimeSec":"","ClusterId":"","Adhoc":"","CategoryId":"",
			"AlertConf":"{}","ResourceList":{}}`,
		full: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"d","Params":"ls -l",
			"ParamConf":"{\"date\":\"${yyyy-MM-dd}\"}",
			"CustomVariables":"{\"scope\":\"PROJECT\",\"variables\":[{\"name\":\"v1\",\"value\":\"1\"}]}",
			"EnvConf":"{\"JAVA_HOME\":\"/opt/java\"}","RunConf":"{\"cores\":1,\"memory\":2048,\"priority\":1,\"userName\":\"hadoop\"}",
			"MonitorConf":"{\"inputs\":[{\"type\":\"KAFKA\",\"topics\":\"t\"}]}","mode":"LOCAL","FailAct":"CONTINUE",
			"MaxRetry":3,"RetryInterval":200,"RetryPolicy":"p","MaxRunningTimeSec":3600,"ClusterId":"","Adhoc":"true",
			"CategoryId":"FC-1","AlertConf":"{}",
			"ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"},{"Path":"hdfs:///lib.py","Alias":""}]}}`,
	},
	// The server fills in its own defaults for what was left unset: a run configuration, a root
	// folder id, and the documented enumerations; no ClusterId even when one was sent.
	"defaults": {
		minimal: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"","Params":"",
			"ParamConf":"{}","CustomVariables":"{\"scope\":\"PROJECT\",\"variables\":[]}","EnvConf":"{}",
			"RunConf":"{\"priority\":1,\"userName\":\"hadoop\",\"memory\":2048,\"cores\":1}","MonitorConf":"{}",
			"mode":"YARN","FailAct":"STOP","MaxRetry":0,"RetryInterval":0,"RetryPolicy":"NONE","MaxRunningTimeSec":0,
			"Adhoc":"false","CategoryId":"FC-ROOT","AlertConf":"{\"items\":[]}","ResourceList":{"Resource":[]}}`,
		full: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"d","Params":"ls -l",
			"ParamConf":"{\"date\":\"${yyyy-MM-dd}\"}",
			"CustomVariables":"{\"scope\":\"PROJECT\",\"variables\":[{\"name\":\"v1\",\"value\":\"1\"}]}",
			"EnvConf":"{\"JAVA_HOME\":\"/opt/java\"}","RunConf":"{\"cores\":1,\"memory\":2048,\"priority\":1,\"userName\":\"hadoop\"}",
			"MonitorConf":"{\"inputs\":[{\"type\":\"KAFKA\",\"topics\":\"t\"}]}","mode":"LOCAL","FailAct":"CONTINUE",
			"MaxRetry":3,"RetryInterval":200,"RetryPolicy":"p","MaxRunningTimeSec":3600,"Adhoc":"true",
			"CategoryId":"FC-1","AlertConf":"{\"items\":[]}",
			"ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"},{"Path":"hdfs:///lib.py","Alias":""}]}}`,
	},
	// Numbers and booleans as strings, JSON settings re-serialised (spacing, key order, numbers as
	// strings, the object itself instead of its text).
	"strings": {
		minimal: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","mode":"YARN","FailAct":"STOP","MaxRetry":"0",
			"RetryInterval":"0","MaxRunningTimeSec":"0","Adhoc":"false","GmtCreate":"1538017814000"}`,
		full: `{"RequestId":"R","Id":"FJ-1","Name":"n","Type":"SHELL","Description":"d","Params":"ls -l",
			"ParamConf":"{ \"date\" : \"${yyyy-MM-dd}\" }",
			"CustomVariables":{"variables":[{"value":"1","name":"v1"}],"scope":"PROJECT"},
			"EnvConf":"{\n  \"JAVA_HOME\": \"/opt/java\"\n}",
			"RunConf":"{\"userName\":\"hadoop\",\"priority\":\"1\",\"memory\":\"2048\",\"cores\":1.0}",
			"MonitorConf":"{\"inputs\":[{\"topics\":\"t\",\"type\":\"KAFKA\"}]}","mode":"LOCAL","FailAct":"CONTINUE",
			"MaxRetry":"3","RetryInterval":"200","RetryPolicy":"p","MaxRunningTimeSec":"3600","Adhoc":"true",
			"CategoryId":"FC-1","ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"},{"Path":"hdfs:///lib.py"}]}}`,
	},
	// List items in another order, and fields nobody documented.
	"shuffled": {
		minimal: `{"Extra":{"a":1},"Type":"SHELL","Name":"n","Id":"FJ-1","RequestId":"R","EditLockDetail":"{}",
			"LastInstanceDetail":"x","ResourceList":{"Resource":[],"Total":0}}`,
		full: `{"Unknown":[1,2],"ResourceList":{"Resource":[{"Alias":"","Path":"hdfs:///lib.py"},{"Path":"oss://b/app.jar","Alias":"app.jar"}]},
			"CategoryId":"FC-1","Adhoc":"true","MaxRunningTimeSec":3600,"RetryPolicy":"p","RetryInterval":200,"MaxRetry":3,
			"FailAct":"CONTINUE","mode":"LOCAL","MonitorConf":"{\"inputs\":[{\"topics\":\"t\",\"type\":\"KAFKA\"}]}",
			"RunConf":"{\"userName\":\"hadoop\",\"priority\":1,\"memory\":2048,\"cores\":1}",
			"EnvConf":"{\"JAVA_HOME\":\"/opt/java\"}",
			"CustomVariables":"{\"variables\":[{\"value\":\"1\",\"name\":\"v1\"}],\"scope\":\"PROJECT\"}",
			"ParamConf":"{\"date\":\"${yyyy-MM-dd}\"}","Params":"ls -l","Description":"d","Type":"SHELL","Name":"n",
			"Id":"FJ-1","RequestId":"R"}`,
	},
}

// describeAnswering returns a client whose DescribeFlowJob answers body.
func describeAnswering(t *testing.T, body string) *emrapi.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := emrapi.New(t.Context(), emrapi.Config{
		RegionID: "cn-hangzhou", Endpoint: srv.URL, AccessKeyID: "id", AccessKeySecret: "secret",
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// readAfter decodes body through the client and flattens it with prior as the prior value.
func readAfter(t *testing.T, body string, prior jobModel) jobModel {
	t.Helper()
	j, err := describeAnswering(t, body).DescribeJob(t.Context(), "FP-1", "FJ-1")
	if err != nil {
		t.Fatalf("DescribeJob: %v", err)
	}
	m := prior
	if diags := flattenJob(t.Context(), j, &m); diags.HasError() {
		t.Fatalf("flattenJob: %v", diags)
	}
	return m
}

// TestReadBackEveryAnswerProfile: for every plausible answer, reading a job after writing it (or
// refreshing it) gives exactly the plan (or state) back.
func TestReadBackEveryAnswerProfile(t *testing.T) {
	t.Parallel()
	for profile, a := range answers {
		for _, tc := range []struct {
			name string
			plan func(*testing.T) jobModel
			body string
		}{
			{"minimal", minimalPlan, a.minimal},
			{"full", fullPlan, a.full},
		} {
			t.Run(profile+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				plan := tc.plan(t)
				if diff := cmp.Diff(plan, readAfter(t, tc.body, plan)); diff != "" {
					t.Errorf("read after apply differs from the plan (-plan +state):\n%s", diff)
				}
			})
		}
	}
}

// TestImportEveryAnswerProfile: an import (only the ids known) of the minimal job gives what a
// configuration that leaves everything out plans, whatever empty form the server answers in; an
// import of the full job gives every value that the answer holds (cluster_id excepted).
func TestImportEveryAnswerProfile(t *testing.T) {
	t.Parallel()
	imported := func() jobModel {
		return jobModel{ID: types.StringValue("FJ-1"), ProjectID: types.StringValue("FP-1"),
			Resources: types.ListNull(resourceObjectType)}
	}
	for _, profile := range []string{"baseline", "sparse", "empty", "shuffled"} {
		t.Run(profile, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(minimalPlan(t), readAfter(t, answers[profile].minimal, imported())); diff != "" {
				t.Errorf("import of the minimal job (-plan +state):\n%s", diff)
			}
			got := readAfter(t, answers[profile].full, imported())
			want := fullPlan(t)
			want.ClusterID = types.StringNull()
			if profile == "shuffled" {
				// Without a prior order, the server's order is the state's.
				got.Resources, want.Resources = types.ListNull(resourceObjectType), types.ListNull(resourceObjectType)
			}
			// JSON is compared by meaning: an import holds the server's text.
			opt := cmp.Comparer(func(a, b jsontypes.Normalized) bool {
				eq, diags := a.StringSemanticEquals(t.Context(), b)
				return a.IsNull() == b.IsNull() && (a.IsNull() || (eq && !diags.HasError()))
			})
			if diff := cmp.Diff(want, got, opt); diff != "" {
				t.Errorf("import of the full job (-config +state):\n%s", diff)
			}
		})
	}
}

// TestReadBackDrift: what changed on the server for a configured setting is read back, so the
// next plan puts it back; the same change to a setting left out is not (see flatten).
func TestReadBackDrift(t *testing.T) {
	t.Parallel()
	body := `{"RequestId":"R","Id":"FJ-1","Name":"n2","Type":"SHELL","Description":"changed","Params":"",
		"RunConf":"{\"priority\":2}","EnvConf":"{}","mode":"YARN","FailAct":"STOP","MaxRetry":0,"Adhoc":"false",
		"CategoryId":"","ResourceList":{"Resource":[{"Path":"oss://b/app.jar","Alias":"app.jar"}]}}`
	got := readAfter(t, body, fullPlan(t))
	checks := map[string][2]any{
		"name":               {got.Name, types.StringValue("n2")},
		"description":        {got.Description, types.StringValue("changed")},
		"params":             {got.Params, types.StringNull()},
		"run_conf":           {got.RunConf, jsontypes.NewNormalizedValue(`{"priority":2}`)},
		"env_conf":           {got.EnvConf, jsontypes.NewNormalizedNull()},
		"param_conf":         {got.ParamConf, jsontypes.NewNormalizedNull()},
		"mode":               {got.Mode, types.StringValue("YARN")},
		"max_retry":          {got.MaxRetry, types.Int64Value(0)},
		"adhoc":              {got.Adhoc, types.BoolValue(false)},
		"parent_category_id": {got.ParentCategoryID, types.StringNull()},
		"cluster_id":         {got.ClusterID, types.StringValue("C-1")},
	}
	for name, c := range checks {
		if !cmp.Equal(c[0], c[1]) {
			t.Errorf("%s = %v, want %v", name, c[0], c[1])
		}
	}
	if n := len(got.Resources.Elements()); n != 1 {
		t.Errorf("resources: %d, want the server's 1", n)
	}

	unset := readAfter(t, body, minimalPlan(t))
	if !unset.Description.IsNull() || !unset.RunConf.IsNull() || !unset.ParentCategoryID.IsNull() {
		t.Errorf("settings left out read back as %v, %v, %v: want null", unset.Description, unset.RunConf, unset.ParentCategoryID)
	}
}
