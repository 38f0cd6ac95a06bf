package clustersetting_test

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_project_cluster_setting.test"

// The master and gateway hosts of the emulator's first cluster (EMULATOR.md).
const (
	masterHost  = "emr-header-1.cluster-0000000000000001"
	gatewayHost = "emr-gateway-1.cluster-0000000000000001"
)

var emptyPlanAfterApply = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

func emptySet() knownvalue.Check { return knownvalue.SetExact([]knownvalue.Check{}) }

func strings2set(items ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(items))
	for i, s := range items {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.SetExact(checks)
}

// testAccConfig is a project and the setting of the tests' cluster with body's attributes.
func testAccConfig(project, body string) string {
	return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = %[1]q
%[2]s
}
`, acctest.ClusterID(), body)
}

func TestAccProjectClusterSetting_basic(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						// The API's defaults are planned, not left unknown.
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("default_user"), knownvalue.StringExact("hadoop")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("default_queue"), knownvalue.StringExact("default")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("users"), emptySet()),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(acctest.ClusterID())),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("queues"), emptySet()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("hosts"), emptySet()),
				},
				Check: testAccCheckSetting(t, resourceName, "hadoop", "default", nil, nil, nil),
			},
			{
				ResourceName:                         resourceName,
				ImportState:                          true,
				ImportStateIdFunc:                    acctest.ImportIDFunc(resourceName, "project_id", "cluster_id"),
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "cluster_id",
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "C-0000000000000001",
				ExpectError:   acctest.ErrorRegexp(`Invalid import ID.*<project id>:<id> such as FP-257A173659F5E1A2:C-`),
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FP-0123456789ABCDEF:CT-0123456789ABCDEF",
				ExpectError:   acctest.ErrorRegexp(`Invalid import ID.*"CT-0123456789ABCDEF" does not start with C-`),
			},
		},
	})
}

// TestAccProjectClusterSetting_update changes every mutable attribute in place, then empties the
// whitelists with [] and with nothing: both replace the setting (ModifyFlowProjectClusterSetting
// documents no way to say "none"), are stable and clear them on the server, with or without the
// ignore-bare-list switch.
func TestAccProjectClusterSetting_update(t *testing.T) {
	project := acctest.RandomName("project")
	full := fmt.Sprintf(`  default_user  = "etl"
  default_queue = "root.etl"
  users         = ["etl", "hadoop"]
  queues        = ["root.etl", "default"]
  hosts         = [%q, %q]`, masterHost, gatewayHost)
	planned := func(action plancheck.ResourceActionType, checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, action)}, checks...),
			PostApplyPostRefresh: emptyPlanAfterApply,
		}
	}
	inPlace := func(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
		return planned(plancheck.ResourceActionUpdate, checks...)
	}
	replaced := func(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
		return planned(plancheck.ResourceActionDestroyBeforeCreate, checks...)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccConfig(project, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyPlanAfterApply},
			},
			{
				Config:           testAccConfig(project, full),
				ConfigPlanChecks: inPlace(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("default_user"), knownvalue.StringExact("etl")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("users"), strings2set("etl", "hadoop")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("hosts"), strings2set(masterHost, gatewayHost)),
				},
				Check: testAccCheckSetting(t, resourceName, "etl", "root.etl", []string{"etl", "hadoop"},
					[]string{"default", "root.etl"}, []string{gatewayHost, masterHost}),
			},
			{
				ResourceName:                         resourceName,
				ImportState:                          true,
				ImportStateIdFunc:                    acctest.ImportIDFunc(resourceName, "project_id", "cluster_id"),
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "cluster_id",
			},
			{
				// Explicit empty sets: a replacement, cleared on the server, and no diff afterwards.
				Config: testAccConfig(project, `  default_user  = "etl"
  default_queue = "root.etl"
  users         = []
  queues        = []
  hosts         = []`),
				ConfigPlanChecks: replaced(plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("users"), emptySet())),
				Check:            testAccCheckSetting(t, resourceName, "etl", "root.etl", nil, nil, nil),
			},
			{
				Config:           testAccConfig(project, full),
				ConfigPlanChecks: inPlace(),
			},
			{
				// Removing everything goes back to the API's defaults and empty whitelists.
				Config: testAccConfig(project, ""),
				ConfigPlanChecks: replaced(
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("default_user"), knownvalue.StringExact("hadoop")),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("hosts"), emptySet()),
				),
				Check: testAccCheckSetting(t, resourceName, "hadoop", "default", nil, nil, nil),
			},
		},
	})
}

// TestAccProjectClusterSetting_replace: another cluster or project replaces the setting.
func TestAccProjectClusterSetting_replace(t *testing.T) {
	if acctest.IsReal() {
		t.Skip("needs a second cluster")
	}
	project := acctest.RandomName("project")
	config := func(cluster string) string {
		return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project_cluster_setting" "test" {
  project_id   = emrflow_project.test.id
  cluster_id   = %q
  default_user = "etl"
}
`, cluster)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{Config: config(acctest.EmulatorClusterID)},
			{
				Config: config(acctest.EmulatorClusterID2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckSetting(t, resourceName, "etl", "default", nil, nil, nil),
					testAccCheckGone(t, resourceName, acctest.EmulatorClusterID),
				),
			},
		},
	})
}

func TestAccProjectClusterSetting_disappears(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, `  users = ["etl"]`),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckSetting(t, resourceName, "hadoop", "default", []string{"etl"}, nil, nil),
					testAccCheckDeleteOutOfBand(t, resourceName),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccConfig(project, `  users = ["etl"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckSetting(t, resourceName, "hadoop", "default", []string{"etl"}, nil, nil),
			},
		},
	})
}

// TestAccProjectClusterSetting_drift: whitelists changed by hand are put back by the next apply;
// a list filled by hand that the configuration leaves empty replaces the setting.
func TestAccProjectClusterSetting_drift(t *testing.T) {
	project := acctest.RandomName("project")
	config := testAccConfig(project, `  users = ["etl"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources[resourceName]
					return acctest.Client(t).ModifyClusterSetting(t.Context(), emrapi.ClusterSettingInput{
						ProjectID: rs.Primary.Attributes["project_id"], ClusterID: rs.Primary.Attributes["cluster_id"],
						DefaultUser: "root", DefaultQueue: "default", Queues: []string{"by-hand"},
					})
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("queues"), emptySet()),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckSetting(t, resourceName, "hadoop", "default", []string{"etl"}, nil, nil),
			},
		},
	})
}

// TestAccProjectClusterSetting_flowsStillUseCluster: destroying a setting while a flow of the
// project runs on the cluster is not refused (the provider warns), and the flow is untouched.
func TestAccProjectClusterSetting_flowsStillUseCluster(t *testing.T) {
	project := acctest.RandomName("project")
	flow := fmt.Sprintf(`
resource "emrflow_flow" "test" {
  project_id  = emrflow_project.test.id
  name        = "uses-the-cluster"
  description = "runs on the associated cluster"
  cluster_id  = %q
}
`, acctest.ClusterID())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccConfig(project, "") + flow},
			{
				Config: acctest.ConfigProject(project) + flow,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction("emrflow_flow.test", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: resource.TestCheckResourceAttrSet("emrflow_flow.test", "id"),
			},
		},
	})
}

// TestAccProjectClusterSetting_badInput: what the documentation rules out is refused at plan time
// on the attribute's own path, before any API call. The CLI cases prove that Terraform prints the
// diagnostic on the attribute's own line, for an attribute and for an element of a set; the other
// rules are rows of TestProjectClusterSettingValidation, run in process.
func TestAccProjectClusterSetting_badInput(t *testing.T) {
	t.Run("set element on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `
resource "emrflow_project_cluster_setting" "test" {
  project_id = "FP-0123456789ABCDEF"
  cluster_id = "C-0123456789ABCDEF"
  users      = ["hadoop,etl"]
}
`, `users      = ["hadoop,etl"]`, acctest.ErrorRegexp(`an element of users must be a Linux user name.*"hadoop,etl".*one item per element`))
	})
	t.Run("attribute on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `
resource "emrflow_project_cluster_setting" "test" {
  project_id = "FP-0123456789ABCDEF"
  cluster_id = "CT-0000000000000001"
}
`, `cluster_id = "CT-0000000000000001"`, acctest.ErrorRegexp(`create_cluster = true`))
	})
}

// TestAccProjectClusterSetting_notUsable: a cluster the region does not have is refused at plan
// time on cluster_id (the provider asks ListFlowClusterAll), even while the project is still to be
// created; a host that is not a master or gateway of the cluster is refused by the API, on hosts.
func TestAccProjectClusterSetting_notUsable(t *testing.T) {
	acctest.Emulator(t) // the emulator's cluster and host names
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + `
resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = "C-FFFFFFFFFFFFFFFF"
}
`,
				PlanOnly:    true,
				ExpectError: acctest.ErrorRegexp(`Cluster not usable by the project.*with emrflow_project_cluster_setting.test.*cluster_id "C-FFFFFFFFFFFFFFFF" is not a cluster.*emrflow_clusters data source lists the usable ones.*C-0000000000000001`),
			},
			{
				Config:      testAccConfig(project, `  hosts = ["emr-header-1.cluster-12345", "`+masterHost+`"]`),
				ExpectError: acctest.ErrorRegexp(`Host not usable.*Cluster host does not exit \[\[emr-header-1.cluster-12345\].*master or gateway hosts of cluster C-0000000000000001, by the host names the EMR console shows.*remove the others from hosts`),
			},
		},
	})
}

// TestAccProjectClusterSetting_alreadyAssociated: a second setting of the same cluster and project
// is refused with the way to import the first.
func TestAccProjectClusterSetting_alreadyAssociated(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccConfig(project, "") + fmt.Sprintf(`
resource "emrflow_project_cluster_setting" "twin" {
  project_id = emrflow_project_cluster_setting.test.project_id
  cluster_id = %q
}
`, acctest.ClusterID()),
			ExpectError: acctest.ErrorRegexp(`Cluster already associated.*terraform import emrflow_project_cluster_setting.<name> FP-[0-9A-F]+:C-`),
		}},
	})
}

// TestAccProjectClusterSetting_identity imports with an import block that gives the identity
// (Terraform >= 1.12).
func TestAccProjectClusterSetting_identity(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, `  users = ["etl"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^FP-`)),
						"cluster_id": knownvalue.StringExact(acctest.ClusterID()),
					}),
				},
			},
			{
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// ---- helpers ----

func testAccCheckDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_project_cluster_setting", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).DescribeClusterSetting(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.Attributes["cluster_id"])
		return err
	})
}

// testAccCheckSetting asks the API (not the state) for the setting and compares it.
func testAccCheckSetting(t *testing.T, n, user, queue string, users, queues, hosts []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		got, err := acctest.Client(t).DescribeClusterSetting(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.Attributes["cluster_id"])
		if err != nil {
			return err
		}
		same := func(a, b []string) bool { return strings.Join(sorted(a), ",") == strings.Join(sorted(b), ",") }
		if got.DefaultUser != user || got.DefaultQueue != queue || !same(got.Users, users) || !same(got.Queues, queues) || !same(got.Hosts, hosts) {
			return fmt.Errorf("the API holds %+v, want user %q queue %q users %v queues %v hosts %v", got, user, queue, users, queues, hosts)
		}
		return nil
	}
}

func sorted(items []string) []string {
	out := slices.Clone(items)
	slices.Sort(out)
	return out
}

func testAccCheckGone(t *testing.T, n, clusterID string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		_, err := acctest.Client(t).DescribeClusterSetting(t.Context(), s.RootModule().Resources[n].Primary.Attributes["project_id"], clusterID)
		if !emrapi.IsNotFound(err) {
			return fmt.Errorf("the setting of %s is still there after the replacement (%v)", clusterID, err)
		}
		return nil
	}
}

func testAccCheckDeleteOutOfBand(t *testing.T, n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[n]
		err := acctest.Client(t).DeleteClusterSetting(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.Attributes["cluster_id"])
		if err != nil {
			return errors.Join(errors.New("deleting out of band"), err)
		}
		return nil
	}
}
