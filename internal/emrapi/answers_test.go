package emrapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// answersClient is a client of an emulator that answers with profile.
func answersClient(t *testing.T, profile string) *emrapi.Client {
	t.Helper()
	srv, err := emulator.New(emulator.Config{Answers: profile})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := emrapi.New(t.Context(), emrapi.Config{
		RegionID: "cn-hangzhou", Endpoint: ts.URL,
		AccessKeyID: emulator.DefaultAccessKeyID, AccessKeySecret: emulator.DefaultAccessKeySecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// answersSnapshot is what the client reads of one small world, with the fields that a profile
// may legitimately change (times, ids, server defaults, JSON text) normalised away.
type answersSnapshot struct {
	Project      emrapi.Project
	Flow         emrapi.Flow
	Job          emrapi.Job
	Category     emrapi.Category
	Categories   []emrapi.Category
	FlowNames    []string
	JobNames     []string
	ProjectNames []string
}

func readAnswersWorld(t *testing.T, c *emrapi.Client) answersSnapshot {
	t.Helper()
	ctx := t.Context()
	pid, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: "answers", Description: "d"})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "folder", Type: "FLOW"})
	if err != nil {
		t.Fatal(err)
	}
	jid, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "job", Type: "SHELL", Description: "d",
		Params: "echo", RunConf: `{"memory":2048}`, MaxRetry: 2, RetryInterval: 30, Mode: "YARN", FailAct: "STOP"})
	if err != nil {
		t.Fatal(err)
	}
	fid, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "flow", Description: "d", ClusterID: "C-0000000000000001",
		CronExpr: "0 0 * * * ?", StartSchedule: 1700000000000, EndSchedule: 1800000000000, ParentCategory: cat,
		AlertConf: `{"items":[{"eventId":"EMR-210401001","enable":true}]}`})
	if err != nil {
		t.Fatal(err)
	}
	var s answersSnapshot
	p, err := c.DescribeProject(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.DescribeFlow(ctx, pid, fid)
	if err != nil {
		t.Fatal(err)
	}
	j, err := c.DescribeJob(ctx, pid, jid)
	if err != nil {
		t.Fatal(err)
	}
	cg, err := c.DescribeCategory(ctx, pid, cat)
	if err != nil {
		t.Fatal(err)
	}
	s.Project, s.Flow, s.Job, s.Category = *p, *f, *j, *cg
	if s.Categories, err = c.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: pid}); err != nil {
		t.Fatal(err)
	}
	flows, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: pid})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range flows {
		s.FlowNames = append(s.FlowNames, x.Name)
	}
	jobs, err := c.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: pid})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range jobs {
		s.JobNames = append(s.JobNames, x.Name)
	}
	projects, err := c.ListProjects(ctx, emrapi.ListProjectsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range projects {
		s.ProjectNames = append(s.ProjectNames, x.Name)
	}
	// What legitimately differs between profiles.
	s.Project.ID, s.Project.GmtCreate, s.Project.GmtModified = "", 0, 0
	s.Flow.ID, s.Flow.ProjectID, s.Flow.CategoryID, s.Flow.GmtCreate, s.Flow.GmtModified = "", "", "", 0, 0
	s.Flow.AlertConf, s.Flow.Graph = canonicalJSON(t, s.Flow.AlertConf), ""
	s.Job.ID, s.Job.ProjectID, s.Job.GmtCreate, s.Job.GmtModified = "", "", 0, 0
	s.Job.RunConf = canonicalJSON(t, s.Job.RunConf)
	s.Job.ParamConf, s.Job.EnvConf, s.Job.MonitorConf, s.Job.CustomVariables, s.Job.AlertConf = "", "", "", "", ""
	normCat := func(c *emrapi.Category) { c.ID, c.ProjectID, c.GmtCreate, c.GmtModified = "", "", 0, 0 }
	normCat(&s.Category)
	for i := range s.Categories {
		normCat(&s.Categories[i])
	}
	return s
}

// canonicalJSON re-encodes a JSON document with sorted keys and numbers as written or, when
// quoted, unquoted: the comparison a provider makes of JSON settings.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	if s == "" || s == "{}" {
		return ""
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, s)
	}
	var unquote func(any) any
	unquote = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			delete(x, "alertType") // the unknown field the shuffled profile adds
			for k, inner := range x {
				x[k] = unquote(inner)
			}
		case []any:
			for i, inner := range x {
				x[i] = unquote(inner)
			}
		case string:
			var n json.Number
			if err := json.Unmarshal([]byte(x), &n); err == nil {
				f, _ := n.Float64()
				return f
			}
		}
		return v
	}
	out, _ := json.Marshal(unquote(v))
	return string(out)
}

// TestClientUnderEveryAnswerProfile: whatever the profile, the client decodes every answer and
// reads the same objects, once the legitimate differences (server defaults of fields the world
// set anyway, JSON text, list order) are normalised. "documented" exercises the data envelope,
// the array of lower-case categories and "root_parent".
func TestClientUnderEveryAnswerProfile(t *testing.T) {
	want := readAnswersWorld(t, answersClient(t, emulator.AnswersDefault))
	for _, profile := range emulator.AnswerProfiles() {
		t.Run(profile, func(t *testing.T) {
			got := readAnswersWorld(t, answersClient(t, profile))
			if profile == emulator.AnswersDefaults || profile == emulator.AnswersAll {
				got.Flow.EndSchedule = want.Flow.EndSchedule // set by the world: unchanged anyway
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("under %q the client reads\n%+v\nwant\n%+v", profile, got, want)
			}
		})
	}
}
