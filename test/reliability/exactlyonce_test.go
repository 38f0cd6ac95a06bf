package reliability_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// The faults are aimed at the first create of a name (createoncetest): the emulator's random
// faults cannot be aimed at one call, and the two halves of an unknown outcome must each be
// proven on their own.
const (
	committedThenLost = createoncetest.CommittedThenLost
	lostBeforeCommit  = createoncetest.LostBeforeCommit
)

// TestExactlyOnceCreate proves both halves of an unknown create outcome through the real CLI:
// committed-then-failed is found by name and adopted (one create call, one flow), and
// not-committed-then-failed is created again (two calls, one flow). One apply, no error.
func TestExactlyOnceCreate(t *testing.T) {
	t.Parallel()
	aimed := createoncetest.New()
	aimed.Arm("CreateFlowForWeb", "committed", committedThenLost)
	aimed.Arm("CreateFlowForWeb", "not-committed", lostBeforeCommit)
	w := workspace(t, cliharness.Options{Middleware: aimed.Middleware})
	ctx := t.Context()
	start := time.Now()
	project := newProject(t, w, "exactly-once")
	if err := w.WriteConfig(fmt.Sprintf(`
locals {
  names = ["committed", "not-committed", "plain"]
}
resource "emrflow_flow" "f" {
  for_each    = toset(local.names)
  project_id  = %q
  cluster_id  = %q
  name        = each.key
  description = "exactly once"
}
`, project, cluster)); err != nil {
		t.Fatal(err)
	}
	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("the apply must absorb both unknown outcomes: %v", err)
	}
	for name, want := range map[string]int{"committed": 1, "not-committed": 2, "plain": 1} {
		if got := aimed.Count("CreateFlowForWeb", name); got != want {
			t.Errorf("CreateFlowForWeb calls for %q = %d, want %d", name, got, want)
		}
	}
	c := checkServer(t, w, project)
	if c.found != 3 || c.dups != 0 || !c.stateMatches {
		t.Errorf("server %d flows (%d duplicates), state matches %v: state %v, server %v", c.found, c.dups, c.stateMatches, c.stateIDs, c.serverIDs)
	}
	plan, planRes := planAfter(ctx, t, w)
	if plan != "empty" {
		t.Errorf("plan after apply: %s\n%s", plan, planRes.Stdout)
	}
	record(t, reliability.Row{
		Scenario: "exactly-once create", Load: "3 flows: 1 committed-then-500, 1 503-before-commit, 1 plain",
		Faults: "aimed at the first create of each name", Expected: 3, Found: c.found, Dups: c.dups,
		StateMatches: c.stateMatches, PlanAfter: plan, Applies: 1,
		Injected: "0 / 1 / 1", Duration: time.Since(start), Passed: !t.Failed(),
		Command: "TF_ACC=1 go test -count=1 -run 'TestExactlyOnceCreate$' ./test/reliability/",
	})
}

// TestExactlyOnceCreateAllKinds proves the same two halves for projects, jobs and folders, which
// share the flows' mechanism (internal/framework/createonce): one apply, no error, one object per name.
func TestExactlyOnceCreateAllKinds(t *testing.T) {
	t.Parallel()
	kinds := []struct {
		action, resource, prefix string
	}{
		{"CreateFlowProject", "emrflow_project", "p-"},
		{"CreateFlowJob", "emrflow_job", "j-"},
		{"CreateFlowCategory", "emrflow_category", "c-"},
	}
	aimed := createoncetest.New()
	for _, k := range kinds {
		aimed.Arm(k.action, k.prefix+"committed", committedThenLost)
		aimed.Arm(k.action, k.prefix+"not-committed", lostBeforeCommit)
	}
	w := workspace(t, cliharness.Options{Middleware: aimed.Middleware})
	ctx := t.Context()
	start := time.Now()
	if err := w.WriteConfig(`
locals {
  names = toset(["committed", "not-committed", "plain"])
}
resource "emrflow_project" "p" {
  for_each    = local.names
  name        = "p-${each.key}"
  description = "exactly once"
}
resource "emrflow_job" "j" {
  for_each   = local.names
  project_id = emrflow_project.p["plain"].id
  name       = "j-${each.key}"
  type       = "SHELL"
}
resource "emrflow_category" "c" {
  for_each   = local.names
  project_id = emrflow_project.p["plain"].id
  name       = "c-${each.key}"
  type       = "JOB"
}
`); err != nil {
		t.Fatal(err)
	}
	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("the apply must absorb every unknown outcome: %v", err)
	}
	for _, k := range kinds {
		for name, want := range map[string]int{"committed": 1, "not-committed": 2, "plain": 1} {
			if got := aimed.Count(k.action, k.prefix+name); got != want {
				t.Errorf("%s calls for %q = %d, want %d", k.action, k.prefix+name, got, want)
			}
		}
	}
	ids, err := w.StateIDs(ctx, "emrflow_project")
	if err != nil {
		t.Fatal(err)
	}
	projects, err := w.Client.ListProjects(ctx, emrapi.ListProjectsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var plain string
	names := map[string][]string{"emrflow_project": ids}
	server := map[string][]string{}
	for _, p := range projects {
		server["emrflow_project"] = append(server["emrflow_project"], p.ID)
		if p.Name == "p-plain" {
			plain = p.ID
		}
	}
	jobs, err := w.Client.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: plain})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		server["emrflow_job"] = append(server["emrflow_job"], j.ID)
	}
	folders, err := w.Client.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: plain, Root: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range folders {
		server["emrflow_category"] = append(server["emrflow_category"], c.ID)
	}
	found, matches := 0, true
	for _, k := range kinds[1:] {
		if names[k.resource], err = w.StateIDs(ctx, k.resource); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range kinds {
		slices.Sort(server[k.resource])
		found += len(server[k.resource])
		if !slices.Equal(server[k.resource], names[k.resource]) {
			matches = false
			t.Errorf("%s: server %v, state %v: want three of each, all tracked", k.resource, server[k.resource], names[k.resource])
		}
	}
	plan, planRes := planAfter(ctx, t, w)
	if plan != "empty" {
		t.Errorf("plan after apply: %s\n%s", plan, planRes.Stdout)
	}
	record(t, reliability.Row{
		Scenario: "exactly-once create (projects, jobs, folders)", Load: "3 of each: 1 committed-then-500, 1 503-before-commit, 1 plain",
		Faults: "aimed at the first create of each name", Expected: 9, Found: found, Dups: max(0, found-9),
		StateMatches: matches, PlanAfter: plan, Applies: 1,
		Injected: "0 / 1 / 1 of each", Duration: time.Since(start), Passed: !t.Failed(),
		Command: "TF_ACC=1 go test -count=1 -run 'TestExactlyOnceCreateAllKinds$' ./test/reliability/",
	})
}

// TestExactlyOnceNameTaken checks that a name that belongs to a flow this configuration never
// created is never taken over, whether the create is refused outright or its answer is lost and
// the lookup finds the other flow: the apply fails with the terraform import command holding the
// real ids, and the existing flow is left as it was.
func TestExactlyOnceNameTaken(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		fault createoncetest.Fault
	}{
		"create refused":              {},
		"answer lost before commit":   {fault: lostBeforeCommit},
		"answer lost after a refusal": {fault: committedThenLost},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			aimed := createoncetest.New()
			w := workspace(t, cliharness.Options{Middleware: aimed.Middleware})
			ctx := t.Context()
			project := newProject(t, w, "name-taken")
			existing, err := w.Client.CreateFlow(ctx, emrapi.FlowInput{
				ProjectID: project, Name: "taken", Description: "made in the console", ClusterID: cluster,
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.fault != 0 {
				aimed.Arm("CreateFlowForWeb", "taken", tc.fault)
			}
			if err := w.WriteConfig(fmt.Sprintf(`
resource "emrflow_flow" "mine" {
  project_id  = %q
  cluster_id  = %q
  name        = "taken"
  description = "made by terraform"
}
`, project, cluster)); err != nil {
				t.Fatal(err)
			}
			res, err := w.Apply(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode != 1 {
				t.Fatalf("apply exit %d, want 1\n%s%s", res.ExitCode, res.Stdout, res.Stderr)
			}
			want := phrase(fmt.Sprintf("terraform import emrflow_flow.<resource name> %s:%s", project, existing))
			if !want.MatchString(res.Stderr) {
				t.Errorf("the error does not show the import command %q:\n%s", want, res.Stderr)
			}
			if !phrase("was not created by this apply").MatchString(res.Stderr) {
				t.Errorf("the error does not say why:\n%s", res.Stderr)
			}
			c := checkServer(t, w, project)
			if c.found != 1 || len(c.stateIDs) != 0 {
				t.Errorf("server %v, state %v: want the one existing flow, untracked", c.serverIDs, c.stateIDs)
			}
			f, err := w.Client.DescribeFlow(ctx, project, existing)
			if err != nil {
				t.Fatal(err)
			}
			if f.Description != "made in the console" {
				t.Errorf("the existing flow was changed: description %q", f.Description)
			}
		})
	}
}

// phrase matches text as Terraform prints it, whatever the wrapping of its diagnostics (and the
// "│ " gutter it puts at the start of each line).
func phrase(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `(?:\s|│)+`))
}
